package org.attnsim.hwmodels;

/** What kind of processor a profile describes; decides the wording of "SM" or "core" in reports. */
public enum DeviceKind {
    GPU("SM"),
    CPU("core");

    private final String unitName;

    DeviceKind(String unitName) {
        this.unitName = unitName;
    }

    /** The name of one parallel unit: an SM on a GPU, a core on a CPU. */
    public String unitName() {
        return unitName;
    }
}
