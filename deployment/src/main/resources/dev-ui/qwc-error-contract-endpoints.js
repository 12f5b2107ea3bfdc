import { LitElement, html, css } from 'lit';
import { endpoints } from 'build-time-data';
import '@vaadin/grid';
import '@vaadin/grid/vaadin-grid-sort-column.js';

/** The resource methods (verb and path) with their rate-limit bucket and whether they take an Idempotency-Key. */
export class QwcErrorContractEndpoints extends LitElement {

    static styles = css`
        :host { display: flex; flex-direction: column; height: 100%; padding: 0 10px; }
        vaadin-grid { flex: 1; }
        p { font-size: var(--lumo-font-size-s); color: var(--lumo-contrast-70pct); }
    `;

    render() {
        return html`
            <p>"(default bucket)": limited by <code>quarkus.error-contract.rate-limit.default-bucket</code> when it is set;
               "(exempt)": marked <code>@RateLimited.Exempt</code>.</p>
            <vaadin-grid .items="${endpoints}" theme="row-stripes no-border">
                <vaadin-grid-sort-column header="Operation" path="operation" auto-width></vaadin-grid-sort-column>
                <vaadin-grid-sort-column header="Resource method" path="method" auto-width></vaadin-grid-sort-column>
                <vaadin-grid-sort-column header="Bucket" path="bucket" auto-width></vaadin-grid-sort-column>
                <vaadin-grid-sort-column header="Idempotency-Key" path="idempotency" auto-width></vaadin-grid-sort-column>
            </vaadin-grid>
        `;
    }
}
customElements.define('qwc-error-contract-endpoints', QwcErrorContractEndpoints);
