import { LitElement, html, css } from 'lit';
import { catalogue, applicationErrors } from 'build-time-data';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';
import '@vaadin/grid';
import '@vaadin/grid/vaadin-grid-sort-column.js';

/**
 * The contract's status catalogue and the application's own error codes (@ErrorCode and
 * quarkus.error-contract.exceptions.*).
 */
export class QwcErrorContractCatalogue extends LitElement {

    static styles = css`
        :host { display: flex; flex-direction: column; height: 100%; gap: 10px; padding: 0 10px; }
        h3 { margin: 10px 0 0 0; font-size: var(--lumo-font-size-m); }
        vaadin-grid { flex: 1; min-height: 200px; }
        code { font-size: 85%; }
        .wrap { white-space: normal; }
    `;

    render() {
        return html`
            <h3>Contract catalogue</h3>
            <vaadin-grid .items="${catalogue}" theme="row-stripes no-border wrap-cell-content" all-rows-visible>
                <vaadin-grid-sort-column header="Status" path="status" width="7.5em" flex-grow="0"></vaadin-grid-sort-column>
                <vaadin-grid-column header="Codes" width="14em"
                    ${columnBodyRenderer((entry) => html`${entry.codes.map((code) => html`<code>${code}</code> `)}`, [])}>
                </vaadin-grid-column>
                <vaadin-grid-column header="Title" path="title" width="11em" flex-grow="0"></vaadin-grid-column>
                <vaadin-grid-column header="When" width="16em" flex-grow="3"
                    ${columnBodyRenderer((entry) => html`<span class="wrap">${entry.when}</span>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Headers" width="10em"
                    ${columnBodyRenderer((entry) => html`<span class="wrap">${entry.headers}</span>`, [])}></vaadin-grid-column>
                <vaadin-grid-column header="Client retries?" width="10em"
                    ${columnBodyRenderer((entry) => html`<span class="wrap">${entry.clientRetries}</span>`, [])}></vaadin-grid-column>
            </vaadin-grid>
            <h3>Application error codes</h3>
            ${applicationErrors.length === 0
                ? html`<p>No exception is mapped with <code>@ErrorCode</code> or
                       <code>quarkus.error-contract.exceptions.*</code>.</p>`
                : html`
                <vaadin-grid .items="${applicationErrors}" theme="row-stripes no-border" all-rows-visible>
                    <vaadin-grid-sort-column header="Exception" path="exception" auto-width></vaadin-grid-sort-column>
                    <vaadin-grid-sort-column header="Status" path="status" auto-width></vaadin-grid-sort-column>
                    <vaadin-grid-sort-column header="Code" path="code" auto-width></vaadin-grid-sort-column>
                    <vaadin-grid-column header="Message shown"
                        ${columnBodyRenderer((error) => html`${error.messageShown ? 'yes' : 'no'}`, [])}>
                    </vaadin-grid-column>
                    <vaadin-grid-column header="Declared by" path="declaredBy" auto-width></vaadin-grid-column>
                </vaadin-grid>`}
        `;
    }
}
customElements.define('qwc-error-contract-catalogue', QwcErrorContractCatalogue);
