// The HTTP API of docs/contract.md, same origin as the page (CloudFront in AWS, the local gateway on
// make run). Each call carries the signed-in identity's headers.

/** An error answer of the API: {"error":"<code>","message":"..."} with its HTTP status. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message || `HTTP ${status}`);
    this.status = status;
    this.code = code || '';
  }
}

export class Api {
  /** @param {() => Record<string,string>} headers the identity's request headers, asked per call */
  constructor(headers, onUnauthorized) {
    this.headers = headers;
    this.onUnauthorized = onUnauthorized;
  }

  async call(method, path, body) {
    const init = { method, headers: { accept: 'application/json', ...this.headers() }, cache: 'no-store' };
    if (body !== undefined) {
      init.headers['content-type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(path, init);
    } catch (e) {
      throw new ApiError(0, 'network', `the API could not be reached (${e.message})`);
    }
    const text = await res.text();
    let json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      if (res.status === 401) this.onUnauthorized?.();
      throw new ApiError(res.status, json?.error, json?.message ?? (text.slice(0, 200) || res.statusText));
    }
    return json;
  }

  /** GET /verdicts: {items, nextToken}. */
  list({ status = 'PENDING', severity = '', order = 'severity', limit = 50, nextToken = null } = {}) {
    const q = new URLSearchParams({ status, limit: String(limit) });
    if (severity) q.set('severity', severity);
    if (order && order !== 'severity') q.set('order', order); // the API's default is severity
    if (nextToken) q.set('nextToken', nextToken);
    return this.call('GET', `/verdicts?${q}`);
  }

  /** GET /verdicts/sources: {items}, how each log source was read, latest delivery first. */
  sources(limit = 100) {
    return this.call('GET', `/verdicts/sources?limit=${limit}`);
  }

  /** GET /verdicts/suppressions: {items}, the false-positive suppressions in force, newest first. */
  suppressions(limit = 100) {
    return this.call('GET', `/verdicts/suppressions?limit=${limit}`);
  }

  /** POST /verdicts/{id}/unsuppress: {verdictId, lifted}. */
  unsuppress(id) {
    return this.call('POST', `/verdicts/${encodeURIComponent(id)}/unsuppress`, {});
  }

  get(id) {
    return this.call('GET', `/verdicts/${encodeURIComponent(id)}`);
  }

  approve(id, comment) {
    return this.call('POST', `/verdicts/${encodeURIComponent(id)}/approve`, comment ? { comment } : {});
  }

  reject(id, reason) {
    return this.call('POST', `/verdicts/${encodeURIComponent(id)}/reject`, { reason });
  }
}
