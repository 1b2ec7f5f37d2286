package gcc.clearance;

/**
 * The eligible share month by month over the rollout: exporters' demand (a logistic curve) capped
 * by the accredited labs' capacity for full-scope reports, and the cut that share gives
 * (interpolated on the scenario's cut-by-share curve). Stateless.
 */
public final class Adoption {
    /** Hours in an average month. */
    static final double HOURS_PER_MONTH = 730;

    private Adoption() {
    }

    /** One month: demand, the labs' cap, the share in force (the smaller), whether labs bind, the cut. */
    public record Month(int month, double demandShare, double labCapShare, double share, boolean labBound, double cut) {
    }

    static Month[] curve(Scenario s, double[] shares, double[] cuts) {
        Scenario.Adoption a = s.adoption();
        double consignmentsPerMonth = s.arrivalsPerHour() * HOURS_PER_MONTH;
        Month[] out = new Month[a.months()];
        for (int m = 1; m <= a.months(); m++) {
            double demand = a.maxShare() / (1 + Math.exp(-a.steepness() * (m - a.midpointMonth())));
            // Reports in force: capacity times the months issued so far, until the first ones expire and need renewing.
            double inForce = a.labReportsPerMonth() * Math.min(m, a.reportValidityMonths());
            double cap = Math.min(1, inForce * a.consignmentsPerReport() / a.reportValidityMonths() / consignmentsPerMonth);
            double share = Math.min(demand, cap);
            out[m - 1] = new Month(m, demand, cap, share, cap < demand, interpolate(shares, cuts, share));
        }
        return out;
    }

    /** The first month whose cut reaches 40%, or null. */
    static Integer firstMonthAt40Percent(Month[] months) {
        for (Month m : months) {
            if (m.cut() >= ClearanceModel.TARGET_CUT) {
                return m.month();
            }
        }
        return null;
    }

    static double interpolate(double[] x, double[] y, double at) {
        for (int i = 1; i < x.length; i++) {
            if (at <= x[i]) {
                return y[i - 1] + (y[i] - y[i - 1]) * (at - x[i - 1]) / (x[i] - x[i - 1]);
            }
        }
        return y[y.length - 1];
    }
}
