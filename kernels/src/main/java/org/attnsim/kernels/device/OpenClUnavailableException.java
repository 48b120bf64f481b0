package org.attnsim.kernels.device;

import org.attnsim.hwmodels.InvalidInputException;

/** No OpenCL device can run the kernels: says how to get one instead of falling back silently. */
public final class OpenClUnavailableException extends InvalidInputException {
    private static final long serialVersionUID = 1L;
    /** What gives a Debian or Ubuntu machine an OpenCL device on its CPU: PoCL and OpenCL's loader. */
    public static final String INSTALL_POCL = "apt-get install pocl-opencl-icd ocl-icd-libopencl1";

    public OpenClUnavailableException(String where, String what) {
        super(where, what, "install an OpenCL driver, e.g. '" + INSTALL_POCL + "' "
                + "for CPUs (kernels never run on Aparapi's Java fallback)");
    }
}
