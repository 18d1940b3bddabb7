package io.reelflow.rights;

/** PENDING and ACTIVE grants block other deals; EXPIRED and RELEASED do not. */
public enum GrantStatus { PENDING, ACTIVE, EXPIRED, RELEASED }
