package org.attnsim.kernels.device;

import com.aparapi.Kernel;
import com.aparapi.device.OpenCLDevice;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import org.attnsim.hwmodels.InvalidInputException;

/**
 * The local memory a kernel's work-group takes: its {@code @Local} arrays, which Aparapi allocates for
 * every launch at their Java length. A kernel that needs more than the device gives would fail to launch,
 * and Aparapi would move it to its Java fallback; this says so before it runs.
 */
public final class LocalMemory {

    private LocalMemory() {
    }

    /** Bytes of all {@code @Local} arrays of the kernel's class and its superclasses. */
    public static long bytes(Kernel kernel) {
        long total = 0;
        for (Class<?> c = kernel.getClass(); c != Kernel.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(Kernel.Local.class) && f.getType().isArray()) {
                    total += arrayBytes(kernel, f);
                }
            }
        }
        return total;
    }

    /** Refuses, as bad input, a kernel whose work-group needs more local memory than the device has. */
    public static void check(Kernel kernel, OpenCLDevice device, String what) {
        requireFits(what, bytes(kernel), device.getLocalMemSize(), device.getName().trim());
    }

    static void requireFits(String what, long needed, long available, String device) {
        if (needed > available) {
            throw new InvalidInputException(what, "its kernel needs " + needed + " bytes of local memory per work-group, "
                    + device + " has " + available, "choose a shape whose kernel fits (for SparQ: fewer query heads "
                    + "per KV head) or a device with more local memory");
        }
    }

    private static long arrayBytes(Kernel kernel, Field f) {
        try {
            f.setAccessible(true);
            Object array = f.get(kernel);
            Class<?> type = f.getType().getComponentType();
            int size = type == long.class || type == double.class ? 8 : type == short.class || type == char.class ? 2
                    : type == byte.class || type == boolean.class ? 1 : 4;
            return array == null ? 0 : (long) Array.getLength(array) * size;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + f, e);
        }
    }
}
