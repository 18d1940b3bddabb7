package io.reelflow.window;

public enum WindowState { SCHEDULED, LIVE, ENDED }
