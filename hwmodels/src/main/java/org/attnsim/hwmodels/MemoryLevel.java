package org.attnsim.hwmodels;

/** A level of the memory hierarchy: its name, sustained-peak bandwidth and capacity. */
public record MemoryLevel(String name, Figure bandwidthBytesPerSecond, Figure capacityBytes) {
}
