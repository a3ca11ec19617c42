/**
 * The API Reference's §11 "Discarded APIs", still served because old scripts call them: ECS v1
 * auto-recovery (auto-recovery.ts) and the Nova proxy APIs for images (proxy-images.ts), security
 * groups and floating IPs (proxy-network.ts), volumes and snapshots (proxy-volumes.ts). One module
 * so the route table (index.ts) finds every §11 handler under one name.
 */
export * from './auto-recovery';
export * from './proxy-images';
export * from './proxy-network';
export * from './proxy-volumes';
