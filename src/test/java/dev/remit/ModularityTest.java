package dev.remit;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The modules' boundaries (docs/architecture.md, "Modules"): no cycles between modules, and no module
 * reaching into another's internals or unexposed named interfaces.
 */
class ModularityTest {

    static final ApplicationModules MODULES = ApplicationModules.of(RemitApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void writesTheModuleDiagrams() {
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("target/modulith-docs"))
                .writeModulesAsPlantUml()
                .writeModuleCanvases();
    }
}
