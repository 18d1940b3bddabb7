/* Cockpit offers retry, variable edits and other changes only to users who may make them: see ../../../assets/reelflow/roles.js. */
import '../../../assets/reelflow/roles.js';
