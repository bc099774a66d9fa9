/**
 * Byte layouts of what the store writes: version keys ({@link io.elastickv.store.codec.KeyCodec}) and
 * values with their header ({@link io.elastickv.store.codec.ValueCodec}). Both are part of the on-disk
 * format; changing either requires a new format version.
 */
package io.elastickv.store.codec;
