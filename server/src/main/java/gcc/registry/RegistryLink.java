package gcc.registry;

/**
 * A shared registry's link to the cluster at one moment (Kafka mode), for {@code /ready},
 * {@code /health}, {@code /metrics} and tools. Single-port registries have none.
 *
 * @param portId              this port's id
 * @param state               CONNECTING, CATCHING_UP, READY or CLOSED
 * @param openedAs            how the index came up: CREATED, CLEAN, RECOVERED or REBUILT
 * @param appliedOffset       next registry offset to apply (= last applied sequence)
 * @param endOffset           end of the registry topic at the last contact, or -1
 * @param lag                 messages behind that end, or -1 before the first contact
 * @param lastContactMillis   wall time of the last answer from the cluster (epoch ms), 0 if never
 * @param freshnessAgeMillis  how long ago the index was last confirmed current
 * @param stale               true while decisions hold with REGISTRY_STALE
 * @param stalenessBoundMillis the bound
 * @param catchUpMillis       how long the first catch-up after start took, or -1
 * @param catchUpMessages     messages applied during it
 * @param appliedMessages     messages applied since start
 * @param undecodable         messages this port could not read (their reports hold)
 * @param lastError           the last trouble with the link, or empty
 */
public record RegistryLink(String portId, String state, String openedAs, long appliedOffset, long endOffset, long lag,
                            long lastContactMillis, long freshnessAgeMillis, boolean stale, long stalenessBoundMillis,
                            long catchUpMillis, long catchUpMessages, long appliedMessages, long undecodable,
                            String lastError) {
}
