package io.reelflow.inspection;

/** How bad a finding is: an ERROR blocks upload, a WARNING is for a human to judge. */
public enum Severity {
    ERROR,
    WARNING
}
