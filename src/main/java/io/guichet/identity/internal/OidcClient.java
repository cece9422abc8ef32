package io.guichet.identity.internal;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.LogoutRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import io.guichet.identity.ExternalIdentity;
import io.guichet.identity.SsoSettings;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small adapter between Guichet and one OpenID Connect provider, over the Nimbus SDK: discovery (read on first
 * use, retried until it answers), the authorization request with PKCE (S256), {@code state} and {@code nonce}, the
 * code exchange, and the ID token's validation — issuer, audience, expiry and issue time (one minute of clock
 * skew), nonce, and its signature against the provider's JWKS, which Nimbus caches and refreshes when a new key id
 * appears. Nothing here decides who may sign in.
 */
public final class OidcClient {
    private static final int TIMEOUT_MILLIS = 10_000;
    private final SsoSettings.Oidc provider;
    private volatile Discovered discovered;

    private record Discovered(OIDCProviderMetadata metadata, IDTokenValidator validator) {
    }

    /** What the authorization request needs kept until the provider sends the person back. */
    public record Started(URI redirect, String state, String nonce, String codeVerifier) {
    }

    public OidcClient(SsoSettings.Oidc provider) {
        this.provider = provider;
    }

    public Started start(URI redirectUri) throws SignInFailure {
        Discovered d = discovered();
        State state = new State();
        Nonce nonce = new Nonce();
        CodeVerifier verifier = new CodeVerifier();
        AuthenticationRequest request = new AuthenticationRequest.Builder(ResponseType.CODE,
                new com.nimbusds.oauth2.sdk.Scope("openid", "email", "profile"), new ClientID(provider.clientId()), redirectUri)
                .endpointURI(d.metadata().getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256).build();
        return new Started(request.toURI(), state.getValue(), nonce.getValue(), verifier.getValue());
    }

    /** Exchanges the code and validates the ID token against the nonce this sign-in started with. */
    public Signed finish(URI redirectUri, String code, String expectedNonce, String codeVerifier) throws SignInFailure {
        Discovered d = discovered();
        ClientID id = new ClientID(provider.clientId());
        Secret secret = new Secret(provider.clientSecret());
        List<ClientAuthenticationMethod> methods = d.metadata().getTokenEndpointAuthMethods();
        ClientAuthentication auth = methods != null && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST) ? new ClientSecretPost(id, secret) : new ClientSecretBasic(id, secret);
        TokenRequest request = new TokenRequest(d.metadata().getTokenEndpointURI(), auth,
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, new CodeVerifier(codeVerifier)));
        JWT idToken;
        try {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MILLIS);
            http.setReadTimeout(TIMEOUT_MILLIS);
            var response = OIDCTokenResponseParser.parse(http.send());
            if (!response.indicatesSuccess()) {
                throw new SignInFailure("token endpoint refused: " + response.toErrorResponse().getErrorObject().getCode(), null);
            }
            idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
        } catch (SignInFailure f) {
            throw f;
        } catch (Exception e) {
            throw new SignInFailure("token exchange failed: " + e.getClass().getSimpleName(), e);
        }
        return validate(idToken, expectedNonce);
    }

    /** The ID token checked: signature, issuer, audience, expiry, nonce. Public for the test of a forged or expired token. */
    public Signed validate(JWT idToken, String expectedNonce) throws SignInFailure {
        IDTokenClaimsSet claims;
        try {
            claims = discovered().validator().validate(idToken, new Nonce(expectedNonce));
        } catch (Exception e) {
            throw new SignInFailure("ID token refused: " + e.getMessage(), e);
        }
        return new Signed(identity(claims), idToken.serialize());
    }

    /** The person and the ID token (kept as the hint of RP-initiated logout). */
    public record Signed(ExternalIdentity identity, String idToken) {
    }

    private ExternalIdentity identity(IDTokenClaimsSet claims) {
        Boolean verified = claims.getBooleanClaim("email_verified");
        String email = Boolean.FALSE.equals(verified) ? null : claims.getStringClaim("email");
        if (email == null && verified == null) email = claims.getStringClaim("preferred_username"); // Entra ID without the email claim: the UPN
        if (email != null && !email.contains("@")) email = null;
        String name = claims.getStringClaim("name");
        List<String> groups = new ArrayList<>();
        Object raw = claims.getClaim(provider.groupsClaim());
        if (raw instanceof List<?> list) list.forEach(g -> groups.add(String.valueOf(g)));
        else if (raw instanceof String one) groups.add(one);
        return new ExternalIdentity(provider.id(), claims.getSubject().getValue(), email, name, groups);
    }

    /** Where to send the browser to end the provider's session too, when the provider offers it. */
    public Optional<URI> logout(String idToken, URI afterLogout) {
        Discovered d = discovered;
        if (d == null || d.metadata().getEndSessionEndpointURI() == null) return Optional.empty();
        JWT hint = null;
        try {
            if (idToken != null) hint = JWTParser.parse(idToken);
        } catch (java.text.ParseException e) {
            hint = null; // a hint is optional; the client id says who asks
        }
        return Optional.of(new LogoutRequest(d.metadata().getEndSessionEndpointURI(), hint, null, new ClientID(provider.clientId()),
                afterLogout, null, null).toURI());
    }

    private Discovered discovered() throws SignInFailure {
        Discovered d = discovered;
        if (d != null) return d;
        synchronized (this) {
            if (discovered != null) return discovered;
            try {
                OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(new Issuer(provider.issuer()), TIMEOUT_MILLIS, TIMEOUT_MILLIS);
                JWKSource<SecurityContext> keys = JWKSourceBuilder.create(metadata.getJWKSetURI().toURL()).retrying(true).build();
                List<JWSAlgorithm> algorithms = metadata.getIDTokenJWSAlgs() == null || metadata.getIDTokenJWSAlgs().isEmpty()
                        ? List.of(JWSAlgorithm.RS256) : metadata.getIDTokenJWSAlgs();
                IDTokenValidator validator = new IDTokenValidator(metadata.getIssuer(), new ClientID(provider.clientId()),
                        new JWSVerificationKeySelector<>(new java.util.HashSet<>(algorithms), keys), null);
                validator.setMaxClockSkew(60);
                discovered = new Discovered(metadata, validator);
                return discovered;
            } catch (Exception e) {
                throw new SignInFailure("discovery of " + provider.issuer() + " failed: " + e.getClass().getSimpleName(), e);
            }
        }
    }
}
