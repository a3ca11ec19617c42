/**
 * Discarded Nova image APIs (§11.2).
 */
import type { Link, StringMap } from './common';

/** An image in the brief list (§11.2.1). */
export interface NovaImageBrief {
  id: string;
  name: string;
  links: Link[];
}

/** An image in detail (§11.2.2/11.2.3). */
export interface NovaImage extends NovaImageBrief {
  metadata: StringMap;
  'OS-EXT-IMG-SIZE:size'?: number;
  minDisk: number | string;
  minRam: number | string;
  progress: number;
  status: string;
  created: string;
  updated: string;
  server?: { id: string; links: Link[] };
}

/** Query of the image lists (§11.2.1/11.2.2; limit/marker follow `images_links`). */
export interface NovaListImagesQuery {
  name?: string;
  status?: string;
  'changes-since'?: string;
  minRam?: number;
  minDisk?: number;
  limit?: number;
  marker?: string;
}

/** Result of GET /v2.1/{project_id}/images. */
export interface NovaListImagesResult {
  images: NovaImageBrief[];
  images_links?: Link[];
}

/**
 * Result of GET /v2.1/{project_id}/images/detail. The example's singular `image` key is an
 * extraction/doc error (§19.8); §7.1 and Nova use `images`.
 */
export interface NovaListImagesDetailResult {
  images: NovaImage[];
  images_links?: Link[];
}

/** Result of GET /v2.1/{project_id}/images/{image_id}. */
export interface NovaShowImageResult {
  image: NovaImage;
}

/** Result of GET /v2.1/{project_id}/images/{image_id}/metadata. */
export interface NovaImageMetadataResult {
  metadata: StringMap;
}
