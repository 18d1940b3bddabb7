/* Tasklist offers "Create task" and "Start process" only to users who may take them: see ../../../assets/reelflow/roles.js. */
import '../../../assets/reelflow/roles.js';
