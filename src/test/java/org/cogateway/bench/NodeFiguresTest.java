package org.cogateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the bench reads from a gateway's GC log: lines as G1 writes them with -Xlog:gc. */
class NodeFiguresTest {
    @Test
    void whatIsLiveIsReadAfterTheOldGenerationWasCollectedNotAfterYoungCollections() {
        NodeFigures.Heap heap = NodeFigures.Heap.of(List.of(
                "[1.0s][info][gc] Using G1",
                "[10.0s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 150M->60M(1024M) 3.4ms",
                "[20.0s][info][gc] GC(2) Pause Young (Normal) (G1 Evacuation Pause) 500M->413M(1024M) 5.0ms",
                "[21.0s][info][gc] GC(3) Pause Young (Concurrent Start) (G1 Evacuation Pause) 470M->420M(1024M) 5.0ms",
                "[21.5s][info][gc] GC(4) Concurrent Mark Cycle",
                "[22.0s][info][gc] GC(4) Pause Remark 430M->425M(1024M) 2.0ms",
                "[23.0s][info][gc] GC(5) Pause Young (Prepare Mixed) (G1 Evacuation Pause) 460M->400M(1024M) 4.0ms",
                "[24.0s][info][gc] GC(6) Pause Young (Mixed) (G1 Evacuation Pause) 363M->265M(1024M) 4.0ms",
                "[25.0s][info][gc] GC(7) Pause Young (Mixed) (G1 Evacuation Pause) 316M->164M(1024M) 4.0ms",
                "[26.0s][info][gc] GC(8) Pause Young (Normal) (G1 Evacuation Pause) 250M->170M(1024M) 4.0ms",
                "[30.0s][info][gc] GC(9) Pause Full (Heap Inspection Initiated GC) 539M->46M(164M) 3006.1ms",
                "[31.0s][info][gc] GC(10) Pause Young (Normal) (G1 Evacuation Pause) 100M->70M(164M) 4.0ms"));

        assertThat(heap.peakUsedMib()).isEqualTo(539);
        assertThat(heap.afterGcMib()).isEqualTo(70);
        assertThat(heap.maxAfterGcMib()).isEqualTo(425);
        assertThat(heap.maxLiveMib()).isEqualTo(164);
        assertThat(heap.liveMib()).isEqualTo(46);
        assertThat(heap.fullCollections()).isEqualTo(1);
    }

    @Test
    void anOldGenerationNeverCollectedIsSaidSo() {
        NodeFigures.Heap heap = NodeFigures.Heap.of(List.of(
                "[10.0s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 150M->60M(1024M) 3.4ms"));

        assertThat(heap.liveMib()).isEqualTo(-1);
        assertThat(NodeFigures.Heap.mib(heap.maxLiveMib())).isEqualTo("old generation not collected yet");
    }
}
