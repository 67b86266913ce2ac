package org.itkm.cli;

import picocli.CommandLine;

/** {@code itkm --version}: the kit's version and the stack it was built against. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = ItkmCli.class.getPackage().getImplementationVersion();
        return new String[] {"ITKM-J " + (v == null ? "(development build)" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
