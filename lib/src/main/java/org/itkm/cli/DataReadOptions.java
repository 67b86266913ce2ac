package org.itkm.cli;

import org.itkm.data.ReadOptions;
import org.itkm.data.UnreadableImagePolicy;
import picocli.CommandLine.Option;

/** The reading options shared by the {@code data} commands (a picocli mixin). */
final class DataReadOptions {
    @Option(names = "--no-verify", negatable = false,
            description = "Do not decode every image while reading (faster; bad files surface later)")
    boolean noVerify;

    @Option(names = "--on-unreadable", defaultValue = "fail",
            description = "fail (default) or skip: what to do with an image that cannot be decoded")
    String onUnreadable;

    ReadOptions toReadOptions() {
        UnreadableImagePolicy policy = switch (onUnreadable.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "fail" -> UnreadableImagePolicy.FAIL;
            case "skip" -> UnreadableImagePolicy.SKIP;
            default -> throw new org.itkm.io.InvalidInputException("--on-unreadable '" + onUnreadable
                    + "': expected fail or skip");
        };
        return new ReadOptions(!noVerify, policy);
    }
}
