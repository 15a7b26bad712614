// A minimal OIDC issuer on 127.0.0.1 for the console's sign-in test: discovery, an authorization
// endpoint that signs the user in at once (redirecting back with a code), and a token endpoint that
// checks the PKCE verifier against the challenge before answering tokens. Records what it was sent.
// The tokens are unsigned test tokens: the local gateway does not check them (API Gateway would).
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const b64url = (buf) => Buffer.from(buf).toString('base64url');
const jwt = (claims) => `${b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'test' }))}.${b64url(JSON.stringify(claims))}.${b64url('not-signed')}`;

export async function startOidcStub({ clientId, email = 'analyst@example.com', groups = ['soc-analysts'] }) {
  const seen = { authorize: [], token: [] };
  const codes = new Map();
  let issuer;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, issuer);
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' };
    const json = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json', ...cors });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors);
      res.end();
    } else if (url.pathname === '/.well-known/openid-configuration') {
      json(200, {
        issuer, authorization_endpoint: `${issuer}/authorize`, token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`, response_types_supported: ['code'], subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'], code_challenge_methods_supported: ['S256'],
      });
    } else if (url.pathname === '/authorize') {
      const q = Object.fromEntries(url.searchParams);
      seen.authorize.push(q);
      const code = b64url(randomBytes(16));
      codes.set(code, q);
      const back = new URL(q.redirect_uri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.state);
      res.writeHead(302, { location: back.toString() });
      res.end();
    } else if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const form = Object.fromEntries(new URLSearchParams(body));
      seen.token.push(form);
      const asked = codes.get(form.code);
      codes.delete(form.code); // a code is good once
      const challenge = form.code_verifier ? b64url(createHash('sha256').update(form.code_verifier).digest()) : null;
      if (!asked || asked.code_challenge_method !== 'S256' || challenge !== asked.code_challenge
          || form.client_id !== clientId || form.redirect_uri !== asked.redirect_uri) {
        json(400, { error: 'invalid_grant' });
        return;
      }
      const now = Math.floor(Date.now() / 1000);
      const common = { iss: issuer, sub: 'user-1', iat: now, exp: now + 3600, 'cognito:groups': groups };
      json(200, {
        token_type: 'Bearer', expires_in: 3600, refresh_token: `refresh-${b64url(randomBytes(8))}`,
        access_token: jwt({ ...common, client_id: clientId, token_use: 'access', username: email }),
        id_token: jwt({ ...common, aud: clientId, email, token_use: 'id', ...(asked.nonce ? { nonce: asked.nonce } : {}) }),
      });
    } else {
      json(404, { error: 'not_found' });
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  issuer = `http://127.0.0.1:${server.address().port}`;
  return { issuer, seen, close: () => new Promise((ok) => server.close(ok)) };
}
