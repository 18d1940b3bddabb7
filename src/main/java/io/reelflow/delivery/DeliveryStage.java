package io.reelflow.delivery;

/** Where a title's delivery stands. */
public enum DeliveryStage { BACKLOT_SETUP, PREPARING, READY, SUBMITTED, REJECTED, ACCEPTED, CANCELLED }
