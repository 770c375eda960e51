package ai.atlas.web.infrastructure.security;

import ai.atlas.core.application.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-in with an OpenID Connect access token (a JWT from Okta, Entra ID, Keycloak...) sent as a
 * bearer token. Liberty's {@code jwtConsumer} named by {@code atlas.oidc.consumer} checks the
 * signature (the provider's JWKS), issuer, audience and expiry; the token's groups claim gives the
 * role ({@link GroupRoles}). Without that {@code jwtConsumer} in the configuration, no token
 * signs in this way.
 */
@ApplicationScoped
public class OidcSignIn {

  private static final Logger LOG = Logger.getLogger(OidcSignIn.class.getName());

  @Inject GroupRoles groupRoles;

  @Inject
  @ConfigProperty(name = "atlas.oidc.consumer", defaultValue = "atlasOidc")
  String consumerId;

  @Inject
  @ConfigProperty(name = "atlas.oidc.name-claim", defaultValue = "preferred_username")
  String nameClaim;

  @Inject
  @ConfigProperty(name = "atlas.oidc.groups-claim", defaultValue = "groups")
  String groupsClaim;

  public Optional<Caller> authenticate(String token) {
    Map<String, Object> claims;
    try {
      // Liberty's JWT API (jwt-1.0, an IBM API), reached by reflection so the build needs no Liberty jar.
      Class<?> consumerType = Class.forName("com.ibm.websphere.security.jwt.JwtConsumer");
      Object consumer = consumerType.getMethod("create", String.class).invoke(null, consumerId);
      Object jwt = consumerType.getMethod("createJwt", String.class).invoke(consumer, token);
      @SuppressWarnings("unchecked")
      Map<String, Object> read = (Map<String, Object>) jwt.getClass().getMethod("getClaims").invoke(jwt);
      claims = read;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // A bad signature, an expired token, a wrong issuer or audience, or no consumer configured.
      LOG.log(Level.FINE, "OpenID Connect token refused", e);
      return Optional.empty();
    }
    Object name = claims.getOrDefault(nameClaim, claims.get("sub"));
    if (name == null) {
      return Optional.empty();
    }
    return groupRoles.roleOf(groups(claims.get(groupsClaim))).map(role -> new Caller(name.toString(), role));
  }

  private static Collection<String> groups(Object claim) {
    if (claim instanceof Collection<?> many) {
      return many.stream().map(String::valueOf).toList();
    }
    return claim == null ? List.of() : List.of(claim.toString());
  }
}
