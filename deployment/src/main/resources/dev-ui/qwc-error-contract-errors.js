import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { columnBodyRenderer, gridRowDetailsRenderer } from '@vaadin/grid/lit.js';
import '@vaadin/grid';
import '@vaadin/grid/vaadin-grid-sort-column.js';
import '@vaadin/button';
import '@vaadin/text-field';

/**
 * The most recent error responses, newest first, live: find one by the request id a caller quotes (or part of its
 * path or code), and click it to see the whole error as sent, its headers and who called.
 */
export class QwcErrorContractErrors extends LitElement {
    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; height: 100%; padding: 0 10px; }
        .bar { display: flex; gap: 10px; align-items: center; padding: 6px 0; }
        .muted { color: var(--lumo-contrast-60pct); font-size: var(--lumo-font-size-s); }
        vaadin-grid { flex: 1; }
        .server { color: var(--lumo-error-text-color); }
        code { font-size: 85%; }
        .details { padding: 6px 12px; display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; }
        .details pre { margin: 0; white-space: pre-wrap; word-break: break-all; font-size: 85%; }
        vaadin-text-field { width: 24em; }
    `;

    static properties = {
        _errors: { state: true },
        _filter: { state: true },
        _opened: { state: true }
    };

    constructor() {
        super();
        this._errors = [];
        this._filter = '';
        this._opened = [];
    }

    _shown() {
        const filter = this._filter.trim().toLowerCase();
        if (!filter) {
            return this._errors;
        }
        return this._errors.filter((error) => [error.requestId, error.path, error.code, String(error.status)]
            .some((value) => (value ?? '').toLowerCase().includes(filter)));
    }

    _details(error) {
        let body = error.body ?? '';
        try { body = JSON.stringify(JSON.parse(body), null, 2); } catch (e) { /* not JSON: as sent */ }
        const headers = Object.entries(error.headers ?? {}).map(([name, values]) => `${name}: ${values.join(', ')}`)
            .join('\n');
        return html`<div class="details">
            <span class="muted">Request id</span><code>${error.requestId}</code>
            <span class="muted">Time</span><span>${error.time}</span>
            <span class="muted">Caller</span><span>${error.caller ?? 'anonymous'}</span>
            <span class="muted">Title</span><span>${error.title}</span>
            <span class="muted">Headers the error set</span><pre>${headers || '(none)'}</pre>
            <span class="muted">Body</span><pre>${body}</pre>
        </div>`;
    }

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getRecentErrors().then((response) => { this._errors = response.result; });
        this._stream = this.jsonRpc.streamRecentErrors().onNext((response) => {
            this._errors = [response.result, ...this._errors].slice(0, 100);
        });
    }

    disconnectedCallback() {
        this._stream?.cancel();
        super.disconnectedCallback();
    }

    _clear() {
        this.jsonRpc.clearRecentErrors().then(() => { this._errors = []; });
    }

    render() {
        return html`
            <div class="bar">
                <vaadin-button theme="small" @click="${() => this._clear()}">Clear</vaadin-button>
                <vaadin-text-field placeholder="Request id, path or code" clear-button-visible
                    .value="${this._filter}" @input="${(e) => { this._filter = e.target.value; }}"></vaadin-text-field>
                <span class="muted">The last 100 error responses of this application, newest first; click one for all of it.</span>
            </div>
            <vaadin-grid .items="${this._shown()}" theme="row-stripes no-border wrap-cell-content"
                .detailsOpenedItems="${this._opened}"
                @active-item-changed="${(e) => { const item = e.detail.value; this._opened = item ? [item] : []; }}"
                ${gridRowDetailsRenderer((error) => this._details(error), [])}>
                <vaadin-grid-sort-column header="Time" path="time" width="8em" flex-grow="0"
                    ${columnBodyRenderer((error) => html`<span title="${error.time}">${new Date(error.time).toLocaleTimeString()}</span>`, [])}>
                </vaadin-grid-sort-column>
                <vaadin-grid-sort-column header="Request id" path="requestId" width="22em" flex-grow="0"
                    ${columnBodyRenderer((error) => html`<code>${error.requestId}</code>`, [])}>
                </vaadin-grid-sort-column>
                <vaadin-grid-column header="Request" width="16em" flex-grow="1"
                    ${columnBodyRenderer((error) => html`<code>${error.method} ${error.path}</code>`, [])}>
                </vaadin-grid-column>
                <vaadin-grid-sort-column header="Status" path="status" width="7.5em" flex-grow="0"
                    ${columnBodyRenderer((error) => html`<span class="${error.status >= 500 ? 'server' : ''}">${error.status}</span>`, [])}>
                </vaadin-grid-sort-column>
                <vaadin-grid-sort-column header="Code" path="code" width="12em"></vaadin-grid-sort-column>
                <vaadin-grid-column header="Detail" width="20em" flex-grow="3"
                    ${columnBodyRenderer((error) => html`${error.detail ?? ''}${error.fieldErrors > 0 ? html` <span class="muted">(${error.fieldErrors} field errors)</span>` : ''}`, [])}>
                </vaadin-grid-column>
            </vaadin-grid>
        `;
    }
}
customElements.define('qwc-error-contract-errors', QwcErrorContractErrors);
