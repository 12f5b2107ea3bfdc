import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';
import '@vaadin/grid';
import '@vaadin/grid/vaadin-grid-sort-column.js';
import '@vaadin/button';

/** The most recent error responses, newest first, live: find one by the request id a caller quotes. */
export class QwcErrorContractErrors extends LitElement {
    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; height: 100%; padding: 0 10px; }
        .bar { display: flex; gap: 10px; align-items: center; padding: 6px 0; }
        .muted { color: var(--lumo-contrast-60pct); font-size: var(--lumo-font-size-s); }
        vaadin-grid { flex: 1; }
        .server { color: var(--lumo-error-text-color); }
        code { font-size: 85%; }
    `;

    static properties = {
        _errors: { state: true }
    };

    constructor() {
        super();
        this._errors = [];
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
                <span class="muted">The last 100 error responses of this application, newest first.</span>
            </div>
            <vaadin-grid .items="${this._errors}" theme="row-stripes no-border">
                <vaadin-grid-sort-column header="Time" path="time" width="8em" flex-grow="0"
                    ${columnBodyRenderer((error) => html`<span title="${error.time}">${new Date(error.time).toLocaleTimeString()}</span>`, [])}>
                </vaadin-grid-sort-column>
                <vaadin-grid-sort-column header="Request id" path="requestId" width="22em" flex-grow="0"
                    ${columnBodyRenderer((error) => html`<code>${error.requestId}</code>`, [])}>
                </vaadin-grid-sort-column>
                <vaadin-grid-column header="Request" width="14em"
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
