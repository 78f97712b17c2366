package org.openwd.security.internal;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.openwd.security.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Reads platform roles from an identity provider's claims: role names at configurable claim paths (Keycloak keeps
 * realm roles at {@code realm_access.roles} and client roles at {@code resource_access.<client>.roles}), mapped by
 * name (ignoring case) or through an explicit mapping. Names that map to no platform role are ignored.
 */
final class RoleClaims {

	private final List<List<String>> paths;

	private final Map<String, Set<Role>> mapping;

	RoleClaims(List<String> claimPaths, Map<String, Set<Role>> mapping) {
		this.paths = claimPaths.stream().map(path -> List.of(path.split("\\."))).toList();
		this.mapping = mapping;
	}

	static RoleClaims of(OidcProperties properties) {
		return new RoleClaims(properties.rolesClaims(), properties.roleMapping());
	}

	Set<Role> roles(Map<String, Object> claims) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		for (List<String> path : paths) {
			for (String name : names(claims, path)) {
				Set<Role> mapped = mapping.get(name);
				if (mapped != null) {
					roles.addAll(mapped);
				}
				else {
					role(name).ifPresent(roles::add);
				}
			}
		}
		return roles;
	}

	/** {@code ROLE_<ROLE>} authorities, as in local mode. */
	Set<GrantedAuthority> authorities(Map<String, Object> claims) {
		return roles(claims).stream().map(role -> new SimpleGrantedAuthority(role.authority())).collect(Collectors.toSet());
	}

	private static java.util.Optional<Role> role(String name) {
		String upper = name.toUpperCase(Locale.ROOT);
		for (Role role : Role.values()) {
			if (role.name().equals(upper)) {
				return java.util.Optional.of(role);
			}
		}
		return java.util.Optional.empty();
	}

	private static List<String> names(Map<String, Object> claims, List<String> path) {
		Object node = claims;
		for (String key : path) {
			if (!(node instanceof Map<?, ?> map)) {
				return List.of();
			}
			node = map.get(key);
		}
		if (node instanceof Collection<?> values) {
			return values.stream().filter(String.class::isInstance).map(String.class::cast).toList();
		}
		if (node instanceof String single) {
			// some providers send one space-separated string
			return List.of(single.trim().split("\\s+"));
		}
		return List.of();
	}

}
