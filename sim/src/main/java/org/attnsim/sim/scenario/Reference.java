package org.attnsim.sim.scenario;

import java.util.List;
import org.attnsim.sim.workload.Phase;

/**
 * Published measurements to compare the predictions with.
 *
 * @param source      the citation (paper, table, setup)
 * @param perSequence true when the published times are per sequence of the batch (predicted / batch)
 * @param hardwareId  the profile the measurements were taken on
 * @param phase       the phase they measure
 */
public record Reference(String source, boolean perSequence, String hardwareId, Phase phase, List<ReferenceTime> times) {

    public Reference {
        times = List.copyOf(times);
    }
}
