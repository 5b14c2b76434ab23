/**
 * The directories section's two forms to add a directory: LDAP / Active Directory (URL, StartTLS,
 * service account, base DN, user filter, optional groups, SecSign ID attribute and CA) and Crowd or
 * Jira's user server (URL, application name and password). The section reads and sends them.
 */
import { html, type TemplateResult } from 'lit';
import type { DirectoriesTerms } from './directories-terms.js';

/** A labelled input of these forms (and of "Test a user"). */
export function field(label: string, name: string, type = 'text', required = false) {
  return html`<label class="field grow"
    >${label}<input name=${name} type=${type} ?required=${required} autocomplete="off"
  /></label>`;
}

/** The two add forms; `add` gets the submit event and the kind. */
export function renderAddForms(
  w: DirectoriesTerms,
  busy: boolean,
  add: (e: Event, kind: 'ldap' | 'crowd') => void,
): TemplateResult {
  return html`<section class="card" aria-labelledby="lh">
      <h2 id="lh">${w.addLdap}</h2>
      <form data-add-ldap @submit=${(e: Event) => add(e, 'ldap')}>
        <div class="row">
          ${field(w.name, 'name', 'text', true)} ${field(w.url, 'url', 'text', true)}
        </div>
        <div class="row">
          <label><input type="checkbox" name="startTls" /> ${w.startTls}</label>
          <label><input type="checkbox" name="allowPlain" /> ${w.allowPlain}</label>
        </div>
        <div class="row">
          ${field(w.bindDn, 'bindDn', 'text', true)}
          ${field(w.bindPassword, 'bindPassword', 'password', true)}
        </div>
        <div class="row">
          ${field(w.baseDn, 'baseDn', 'text', true)}
          ${field(w.userFilter, 'userFilter', 'text', true)}
        </div>
        <div class="row">
          ${field(w.adminGroup, 'adminGroup')} ${field(w.secSignIdAttribute, 'secSignIdAttribute')}
        </div>
        <div class="row">
          ${field(w.groupBaseDn, 'groupBaseDn')} ${field(w.groupFilter, 'groupFilter')}
        </div>
        <label class="field">${w.caPem}<textarea name="caPem" rows="3"></textarea></label>
        <button class="primary" type="submit" ?disabled=${busy}>${w.add}</button>
      </form>
    </section>
    <section class="card" aria-labelledby="ch">
      <h2 id="ch">${w.addCrowd}</h2>
      <form data-add-crowd @submit=${(e: Event) => add(e, 'crowd')}>
        <div class="row">
          ${field(w.name, 'name', 'text', true)} ${field(w.url, 'url', 'text', true)}
        </div>
        <div class="row">
          ${field(w.application, 'applicationName', 'text', true)}
          ${field(w.applicationPassword, 'applicationPassword', 'password', true)}
        </div>
        <div class="row">
          ${field(w.adminGroup, 'adminGroup')} ${field(w.secSignIdAttribute, 'secSignIdAttribute')}
        </div>
        <label><input type="checkbox" name="allowPlain" /> ${w.allowPlain}</label>
        <label class="field">${w.caPem}<textarea name="caPem" rows="3"></textarea></label>
        <button class="primary" type="submit" ?disabled=${busy}>${w.add}</button>
      </form>
    </section>`;
}
