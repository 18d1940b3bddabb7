package io.reelflow.rights;

public enum TitleKind { FEATURE, SERIES, SEASON, EPISODE }
