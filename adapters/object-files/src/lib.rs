//! File storage through `object_store`: local disk, memory or S3, chosen by URL.
