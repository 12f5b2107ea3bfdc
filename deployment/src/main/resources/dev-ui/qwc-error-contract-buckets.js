import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { columnBodyRenderer } from '@vaadin/grid/lit.js';
import '@vaadin/grid';
import '@vaadin/button';

/** The configured buckets with their limits, the decisions so far and the callers tracked now; refreshed every 2 s. */
export class QwcErrorContractBuckets extends LitElement {
    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 16px; padding: 0 10px 10px 10px; }
        .bucket { border: 1px solid var(--lumo-contrast-10pct); border-radius: 8px; padding: 10px 16px; }
        .heading { display: flex; gap: 16px; align-items: baseline; flex-wrap: wrap; }
        .name { font-weight: bold; font-size: var(--lumo-font-size-l); }
        .muted { color: var(--lumo-contrast-60pct); font-size: var(--lumo-font-size-s); }
        .rejected { color: var(--lumo-error-text-color); }
    `;

    static properties = {
        _buckets: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
        this._timer = setInterval(() => this._refresh(), 2000);
    }

    disconnectedCallback() {
        clearInterval(this._timer);
        super.disconnectedCallback();
    }

    _refresh() {
        this.jsonRpc.getBuckets().then((response) => { this._buckets = response.result; });
    }

    render() {
        if (!this._buckets) {
            return html`<span class="muted">Loading…</span>`;
        }
        if (this._buckets.length === 0) {
            return html`<p>No bucket is configured: set <code>quarkus.error-contract.rate-limit.buckets."name".limits[0].permits</code>
                and <code>.period</code>, then annotate resources with <code>@RateLimited(bucket = "name")</code>.</p>`;
        }
        return html`${this._buckets.map((bucket) => this._bucket(bucket))}`;
    }

    _window(seconds) {
        const units = [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];
        for (const [size, name] of units) {
            if (seconds % size === 0) {
                const count = seconds / size;
                return count === 1 ? name : `${count} ${name}s`;
            }
        }
        return `${seconds} seconds`;
    }

    _bucket(bucket) {
        const limits = bucket.limits.map((limit) => `${limit.permits} per ${this._window(limit.windowSeconds)}`).join(' and ');
        return html`
            <div class="bucket">
                <div class="heading">
                    <span class="name">${bucket.name}</span>
                    <span>${limits}</span>
                    <span class="muted">per ${bucket.identity}, ${bucket.store} store${bucket.isDefault ? ', default bucket' : ''}</span>
                    <span>allowed ${bucket.allowed}</span>
                    <span class="${bucket.rejected > 0 ? 'rejected' : ''}">rejected ${bucket.rejected}</span>
                </div>
                ${bucket.store === 'redis'
                    ? html`<p class="muted">Buckets are kept in Redis, shared by every instance: callers are not listed here.</p>`
                    : bucket.callers.length === 0
                        ? html`<p class="muted">No caller yet.</p>`
                        : html`
                    <vaadin-grid .items="${bucket.callers}" theme="compact row-stripes no-border" all-rows-visible>
                        <vaadin-grid-column header="Caller" auto-width
                            ${columnBodyRenderer((caller) => html`${caller.principal ?? ''}`, [])}></vaadin-grid-column>
                        <vaadin-grid-column header="Counted as" path="identity" auto-width></vaadin-grid-column>
                        <vaadin-grid-column header="Permits left"
                            ${columnBodyRenderer((caller) => html`<span class="${caller.remaining === 0 ? 'rejected' : ''}">${caller.remaining}</span>`, [])}>
                        </vaadin-grid-column>
                    </vaadin-grid>`}
            </div>`;
    }
}
customElements.define('qwc-error-contract-buckets', QwcErrorContractBuckets);
