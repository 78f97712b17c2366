package org.openwd.security.internal;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/** How people log in with a browser ({@code /login}) and out ({@code POST /logout}) in the configured mode. */
interface BrowserLogin {

	void configure(HttpSecurity http) throws Exception;

}
