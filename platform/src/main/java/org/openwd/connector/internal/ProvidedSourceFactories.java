package org.openwd.connector.internal;

import java.time.Clock;
import java.util.List;
import java.util.ServiceLoader;

import org.openwd.connector.api.ConnectorProvider;
import org.openwd.connector.api.ConnectorSource;
import org.openwd.connector.api.WriteBack;

/** Adapters found on the class path through {@link ServiceLoader} ({@link ConnectorProvider}), as source factories. */
final class ProvidedSourceFactories {

	private ProvidedSourceFactories() {
	}

	static List<SourceFactory> load(Clock clock, ClassLoader classLoader) {
		return ServiceLoader.load(ConnectorProvider.class, classLoader)
			.stream()
			.map(ServiceLoader.Provider::get)
			.map(provider -> (SourceFactory) new Adapter(provider, clock))
			.toList();
	}

	private record Adapter(ConnectorProvider provider, Clock clock) implements SourceFactory {

		@Override
		public String type() {
			return this.provider.type();
		}

		private ConnectorProvider.Instance instance(String name, ConnectorProperties.Instance instance) {
			return new ConnectorProvider.Instance(name, instance.sourceSystemOr(name), instance.settings(), instance.mapping(),
					instance.writeBack() == null ? null : instance.writeBack().settings(), this.clock);
		}

		@Override
		public ConnectorSource createSource(String name, ConnectorProperties.Instance instance) {
			try {
				return this.provider.createSource(instance(name, instance));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("openwd.connectors.instances." + name + ": " + ex.getMessage(), ex);
			}
		}

		@Override
		public WriteBack createWriteBack(String name, ConnectorProperties.Instance instance) {
			return this.provider.createWriteBack(instance(name, instance));
		}

	}

}
