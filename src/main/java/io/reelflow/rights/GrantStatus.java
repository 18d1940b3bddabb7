package io.reelflow.rights;

/**
 * PENDING and ACTIVE grants block other deals for their window; EXPIRED grants (the past, historical deals) keep their
 * window for the record; RELEASED grants keep only the days before their release (a day that has passed is spent).
 */
public enum GrantStatus { PENDING, ACTIVE, EXPIRED, RELEASED }
