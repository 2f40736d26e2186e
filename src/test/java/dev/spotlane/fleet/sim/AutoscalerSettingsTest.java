package dev.spotlane.fleet.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.spotlane.policy.Fleet;
import dev.spotlane.policy.PolicyLoader;
import dev.spotlane.yaml.Source;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoscalerSettingsTest {

    @Test
    void theBundledRulesGiveEachClassItsRunnersSettings() {
        Fleet fleet = PolicyLoader.bundled().fleet();
        assertEquals(new AutoscalerSettings(1, 10, 0, 0), AutoscalerSettings.of(fleet, "t4g"));
        assertEquals(new AutoscalerSettings(1, 4, 0, 0), AutoscalerSettings.of(fleet, "c7g"));
        assertEquals(1_200_000, AutoscalerSettings.idleTimeOf(fleet));
    }

    @Test
    void theCatchAllPolicyIsTheLastWithoutPeriods() throws Exception {
        Fleet fleet = PolicyLoader.load(new Source("rules.yml", """
                version: 1
                routing:
                  policy: explicit
                  classes:
                    arm: { tags: [arm], default: true }
                  routes:
                    - { name: all, match: { jobs: ["*"] }, class: arm }
                fleet:
                  instance_types:
                    t4g.large: { class: arm, vcpu: 2, memory_gib: 8 }
                  runners:
                    arm: { instance_type: t4g.large, max_instances: 3, capacity_per_instance: 2, max_use_count: 5 }
                  policies:
                    - { idle_count: 1, idle_time: 30m }
                    - { idle_count: 2, idle_time: 10m }
                    - { periods: ["* 8-18 * * mon-fri"], idle_count: 6, idle_time: 1h }
                """), Path.of(".")).fleet();
        assertEquals(new AutoscalerSettings(2, 3, 2, 5), AutoscalerSettings.of(fleet, "arm"));
        assertEquals(600_000, AutoscalerSettings.idleTimeOf(fleet));
        assertEquals("t4g.large", Simulation.instanceType(fleet, "arm"));
    }

    @Test
    void withoutAFleetSectionTheDesignsSettings() {
        Fleet bare = new Fleet("us-east-1", Map.of(), "https://gitlab.com", "aws", Map.of(), java.util.List.of(),
                "ec2-user", false, "alpine:3.20", false);
        assertEquals(AutoscalerSettings.DESIGN, AutoscalerSettings.of(bare, "t4g"));
        assertNull(AutoscalerSettings.catchAll(bare));
        assertEquals(-1, AutoscalerSettings.idleTimeOf(bare));
    }
}
