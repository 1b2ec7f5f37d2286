package gcc.admin;

import gcc.trust.TrustList;

/**
 * Where a new trust list or policy goes into force when ports share them (Kafka mode): stored in
 * the cluster first, then installed at this port, then at every other port by its follower. Each
 * call returns once the change is in force here, or throws why it was refused (nothing changed).
 */
public interface SharedChanges {
    /** Checks a signed trust list, shares it and returns it once in force here. */
    TrustList publishTrustList(byte[] signed) throws Exception;

    /** Shares this policy JSON (already read from the node's policy source) and returns once in force here. */
    void publishPolicy(byte[] json) throws Exception;
}
