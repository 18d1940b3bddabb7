/*
 * Reelflow in Tasklist and Cockpit: offer only the actions the signed-in user may take. The engine answers, for the
 * user's own session, whether they hold the permission behind each action (GET .../authorization/check); each
 * permission held adds a class to <html>, and ./branding.css hides every action whose class is missing. Until the
 * answer is in, and if it fails, the actions stay hidden: the engine refuses them anyway, a hidden button only spares
 * the user an error.
 *   rf-can-create-task        Tasklist "Create task"                    CREATE on Task
 *   rf-can-start-process      Tasklist "Start process"                  CREATE on ProcessInstance
 *   rf-can-change-instances   Cockpit: retry incidents and jobs, add, edit and delete variables, suspend, cancel
 *                                                                       UPDATE on ProcessInstance
 *   rf-can-change-definitions Cockpit: suspend definitions and job definitions, override job priorities
 *                                                                       UPDATE on ProcessDefinition
 *   rf-can-delete-deployments Cockpit: delete a deployment              DELETE on Deployment
 */
const CHECKS = [
  ['rf-can-create-task', 'CREATE', 'Task', 7],
  ['rf-can-start-process', 'CREATE', 'ProcessInstance', 8],
  ['rf-can-change-instances', 'UPDATE', 'ProcessInstance', 8],
  ['rf-can-change-definitions', 'UPDATE', 'ProcessDefinition', 6],
  ['rf-can-delete-deployments', 'DELETE', 'Deployment', 9],
];

// this file is /camunda/assets/reelflow/roles.js: the engine API of the webapps is /camunda/api/engine/engine/default
const engineApi = new URL('../../api/engine/engine/default', import.meta.url).pathname;

// {answered: the engine answered (a signed-in user; 401 when signed out), authorized}
async function allowed(permission, resourceName, resourceType) {
  const q = new URLSearchParams({ permissionName: permission, resourceName, resourceType: String(resourceType) });
  const r = await fetch(`${engineApi}/authorization/check?${q}`, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!r.ok) return { answered: false, authorized: false };
  return { answered: true, authorized: (await r.json()).authorized === true };
}

const signedIn = () => !document.querySelector('input[ng-model="username"]');

// rf-roles-known with data-rf-roles="signed-in" or "signed-out" (as the engine answered): whom the rf-can-* classes are for
export async function applyRoles() {
  const root = document.documentElement;
  const answers = await Promise.all(CHECKS.map(async ([cls, permission, name, type]) => {
    const a = await allowed(permission, name, type).catch(() => ({ answered: false, authorized: false }));
    root.classList.toggle(cls, a.authorized);
    return a.answered;
  }));
  root.dataset.rfRoles = answers.some(Boolean) ? 'signed-in' : 'signed-out';
  root.classList.add('rf-roles-known');
}

// once now, and again after each sign-in or sign-out (the webapps change user without reloading the page)
applyRoles();
let lastPath = '';
setInterval(() => {
  const key = signedIn() + location.hash.split('/')[1];
  if (key !== lastPath) {
    lastPath = key;
    applyRoles();
  }
}, 500);
