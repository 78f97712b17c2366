package org.openwd.escalation.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.GroupQuery;
import org.camunda.bpm.engine.identity.NativeUserQuery;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.TenantQuery;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.identity.UserQuery;
import org.camunda.bpm.engine.impl.GroupQueryImpl;
import org.camunda.bpm.engine.impl.Page;
import org.camunda.bpm.engine.impl.TenantQueryImpl;
import org.camunda.bpm.engine.impl.UserQueryImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.ReadOnlyIdentityProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.GroupEntity;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Camunda's identity service, read-only and backed by the platform: the only user it knows is whoever Spring Security
 * signed in on this thread, and that user's groups are their roles (see {@link SpringSecurityAuthenticationProvider}).
 * So Camunda keeps no users of its own (no second user store, no "create the first admin" page), and it works the same
 * with local accounts and with OIDC. Nothing in OpenWD's escalation needs more: user tasks become OpenWD tasks.
 */
public class PlatformIdentityProvider implements ReadOnlyIdentityProvider {

	static Optional<Authentication> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken ? Optional.empty() : Optional.of(authentication);
	}

	static User user(Authentication authentication) {
		UserEntity user = new UserEntity(authentication.getName());
		user.setFirstName(authentication.getName());
		user.setLastName("");
		return user;
	}

	static Group group(String id) {
		GroupEntity group = new GroupEntity(id);
		group.setName(id);
		group.setType(SpringSecurityAuthenticationProvider.CAMUNDA_ADMIN_GROUP.equals(id) ? "SYSTEM" : "WORKFLOW");
		return group;
	}

	@Override
	public User findUserById(String userId) {
		return current().filter(a -> a.getName().equals(userId)).map(PlatformIdentityProvider::user).orElse(null);
	}

	@Override
	public UserQuery createUserQuery() {
		return new Users(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
	}

	@Override
	public UserQuery createUserQuery(CommandContext commandContext) {
		return new Users();
	}

	@Override
	public NativeUserQuery createNativeUserQuery() {
		throw new BadUserRequestException("Native user queries are not supported: OpenWD's login is the user store");
	}

	@Override
	public boolean checkPassword(String userId, String password) {
		return false;
	}

	@Override
	public Group findGroupById(String groupId) {
		return current().map(SpringSecurityAuthenticationProvider::groups).filter(groups -> groups.contains(groupId))
			.map(groups -> group(groupId)).orElse(null);
	}

	@Override
	public GroupQuery createGroupQuery() {
		return new Groups(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
	}

	@Override
	public GroupQuery createGroupQuery(CommandContext commandContext) {
		return new Groups();
	}

	@Override
	public Tenant findTenantById(String tenantId) {
		return null;
	}

	@Override
	public TenantQuery createTenantQuery() {
		return new Tenants(Context.getProcessEngineConfiguration().getCommandExecutorTxRequired());
	}

	@Override
	public TenantQuery createTenantQuery(CommandContext commandContext) {
		return new Tenants();
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
	}

	/** The signed-in user, if the query's filters admit them. */
	static class Users extends UserQueryImpl {

		Users() {
		}

		Users(org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor) {
			super(executor);
		}

		@Override
		public long executeCount(CommandContext commandContext) {
			return executeList(commandContext, null).size();
		}

		@Override
		public List<User> executeList(CommandContext commandContext, Page page) {
			return current().filter(a -> getId() == null || getId().equals(a.getName()))
				.filter(a -> getIds() == null || Arrays.asList(getIds()).contains(a.getName()))
				.filter(a -> getGroupId() == null || SpringSecurityAuthenticationProvider.groups(a).contains(getGroupId()))
				.filter(a -> getTenantId() == null)
				.map(a -> List.of(user(a))).orElse(List.of());
		}

	}

	/** The signed-in user's groups (their roles), as far as the query's filters admit them. */
	static class Groups extends GroupQueryImpl {

		Groups() {
		}

		Groups(org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor) {
			super(executor);
		}

		@Override
		public long executeCount(CommandContext commandContext) {
			return executeList(commandContext, null).size();
		}

		@Override
		public List<Group> executeList(CommandContext commandContext, Page page) {
			return current().filter(a -> getUserId() == null || getUserId().equals(a.getName()))
				.map(SpringSecurityAuthenticationProvider::groups).orElse(List.of()).stream()
				.filter(id -> getId() == null || getId().equals(id))
				.filter(id -> getIds() == null || Arrays.asList(getIds()).contains(id))
				.filter(id -> getTenantId() == null)
				.map(PlatformIdentityProvider::group).toList();
		}

	}

	/** No tenants. */
	static class Tenants extends TenantQueryImpl {

		Tenants() {
		}

		Tenants(org.camunda.bpm.engine.impl.interceptor.CommandExecutor executor) {
			super(executor);
		}

		@Override
		public long executeCount(CommandContext commandContext) {
			return 0;
		}

		@Override
		public List<Tenant> executeList(CommandContext commandContext, Page page) {
			return List.of();
		}

	}

}
