package org.openwd.distribution.engine;

/** Today's service level (share of tasks handled within SLA, in percent; 100 when nothing was handled yet). */
public interface ServiceLevels {

	double ofProfile(String profile);

	double ofDepartment(String department);

	/** Every level 100%: borrowing never triggers. */
	ServiceLevels ALWAYS_MET = new ServiceLevels() {

		@Override
		public double ofProfile(String profile) {
			return 100;
		}

		@Override
		public double ofDepartment(String department) {
			return 100;
		}

	};

}
