/**
 * The persistent report registry: an append-only journal (Chronicle Queue, the source of truth)
 * and an off-heap, file-persisted index (Chronicle Map) rebuilt from it whenever needed. Chronicle
 * types stay inside this package.
 */
package gcc.registry;
