/**
 * The embedded default's welcome: a little demo data on first start and a banner saying where to point the browser.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo", allowedDependencies = { "task", "common" })
package org.openwd.demo;
