// Who is signed in, and the headers that say so to the API.
// - config.mode "local" (make run): pick an identity offered by the local gateway; the page sends its
//   id in X-Local-Identity and the gateway turns it into the JWT claims API Gateway would forward.
// - config.mode "oidc" (AWS): authorization code with PKCE through oidc-client-ts, loaded only in this
//   mode. Tokens live in memory (InMemoryWebStorage), never in localStorage; only the transient PKCE
//   state of a redirect is in sessionStorage. Silent renewal uses the refresh token; when it fails the
//   page shows a clear signed-out state.

export async function createAuth(config, onSignedOut) {
  return config.mode === 'oidc' ? oidcAuth(config, onSignedOut) : localAuth(config);
}

function localAuth(config) {
  let current = null;
  const identities = config.identities ?? [];
  return {
    mode: 'local',
    identities,
    async restore() {
      return current;
    },
    async signIn(id) {
      const who = identities.find((i) => i.id === id);
      if (!who) throw new Error(`unknown local identity ${id}`);
      current = { name: who.name, groups: who.groups ?? [], id: who.id };
      return current;
    },
    async signOut() {
      current = null;
    },
    user: () => current,
    headers: () => (current ? { 'x-local-identity': current.id } : { 'x-local-anonymous': '1' }),
  };
}

async function oidcAuth(config, onSignedOut) {
  const { UserManager, WebStorageStateStore, InMemoryWebStorage } = await import('oidc-client-ts');
  const redirect = config.redirectUrl || `${location.origin}/`;
  const mgr = new UserManager({
    authority: config.issuer,
    client_id: config.clientId,
    redirect_uri: redirect,
    post_logout_redirect_uri: config.signOutUrl || redirect,
    response_type: 'code',
    scope: config.scope || 'openid email profile',
    loadUserInfo: false,
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
  });
  let user = null;
  const signedOut = (why) => {
    user = null;
    onSignedOut?.(why);
  };
  mgr.events.addAccessTokenExpired(() => signedOut('Your session expired. Sign in again.'));
  mgr.events.addSilentRenewError(() => signedOut('Your session could not be renewed. Sign in again.'));
  mgr.events.addUserLoaded((u) => {
    user = u;
  });
  const view = () => {
    if (!user) return null;
    const p = user.profile ?? {};
    const groups = p[config.groupsClaim || 'cognito:groups'] ?? [];
    return { name: p.email || p['cognito:username'] || p.sub, groups: Array.isArray(groups) ? groups : [groups] };
  };
  return {
    mode: 'oidc',
    identities: [],
    /** Completes a redirect back from the issuer (?code=&state=), then forgets the query string. */
    async restore() {
      const q = new URLSearchParams(location.search);
      if (q.has('code') && q.has('state')) {
        try {
          user = await mgr.signinRedirectCallback();
        } finally {
          history.replaceState(null, '', location.pathname + (sessionStorage.getItem('soc.hash') || ''));
          sessionStorage.removeItem('soc.hash');
        }
      } else if (q.has('error')) {
        history.replaceState(null, '', location.pathname);
        throw new Error(`the sign-in was refused: ${q.get('error')}`);
      }
      return view();
    },
    async signIn() {
      sessionStorage.setItem('soc.hash', location.hash);
      await mgr.signinRedirect();
      return null; // the browser leaves the page
    },
    async signOut() {
      const metadata = await mgr.metadataService.getMetadata().catch(() => ({}));
      await mgr.removeUser();
      user = null;
      if (!config.cognitoDomain && metadata.end_session_endpoint) {
        await mgr.signoutRedirect(); // a standard issuer's own sign-out
      } else if (config.cognitoDomain) {
        // Cognito's logout endpoint (not in its discovery document)
        const u = new URL('/logout', `https://${config.cognitoDomain}`);
        u.searchParams.set('client_id', config.clientId);
        u.searchParams.set('logout_uri', config.signOutUrl || redirect);
        location.assign(u.toString());
      }
    },
    user: view,
    headers: () => {
      const token = config.tokenUse === 'id' ? user?.id_token : user?.access_token;
      return token ? { authorization: `Bearer ${token}` } : {};
    },
  };
}
