import { Builder, ByteBuffer } from 'flatbuffers';

/**
 * Adds TFLite model metadata to a `.tflite` flatbuffer, so MediaPipe Tasks accepts a model
 * that ships without it (the `@mediapipe/hands` models): the Tasks image preprocessor needs
 * the input tensor's `NormalizationOptions` and colour space.
 *
 * Schemas (public): tensorflow/lite/schema/schema.fbs (`Model`, `Buffer`, `Metadata`) and
 * tflite-support's metadata_schema.fbs (`ModelMetadata`, file identifier "M001").
 *
 * How: a flatbuffer's offsets only point forward, and we must not rewrite the (large)
 * model. So we *prepend* a new root `Model` table whose fields point into the untouched old
 * bytes (operator codes, subgraphs…), plus a new `buffers` vector (old buffers + one with
 * the metadata) and a `metadata` vector naming it `TFLITE_METADATA`. The prefix length is a
 * multiple of 16, so every alignment inside the old bytes still holds.
 */

/** The name MediaPipe's metadata extractor looks for. */
export const METADATA_BUFFER_NAME = 'TFLITE_METADATA';
/** ModelMetadata's flatbuffer file identifier. */
export const METADATA_IDENTIFIER = 'M001';
/** TFLite model file identifier. */
const TFLITE_IDENTIFIER = 'TFL3';
/** Largest alignment used inside a TFLite model (`Buffer.data` is force_align 16). */
const MAX_ALIGN = 16;

// Field slots (declaration order) of the tables we touch.
const MODEL_FIELDS = 8; // version, operator_codes, subgraphs, description, buffers, metadata_buffer, metadata, signature_defs
const MODEL_BUFFERS = 4;
const MODEL_METADATA_BUFFER = 5;
const MODEL_METADATA = 6;
// Union type tags from metadata_schema.fbs.
const CONTENT_PROPERTIES_IMAGE = 2;
const PROCESS_UNIT_NORMALIZATION = 1;
const COLOR_SPACE_RGB = 1;

export interface InputNormalization {
  /** Per-channel mean and std: the model sees (pixel − mean) / std. */
  mean: number[];
  std: number[];
}

/** A minimal ModelMetadata: one subgraph, one RGB image input with normalization. */
export function buildModelMetadata(name: string, norm: InputNormalization): Uint8Array {
  const b = new Builder(512);
  const mean = vectorF32(b, norm.mean);
  const std = vectorF32(b, norm.std);
  // NormalizationOptions { mean:[float]; std:[float] }
  b.startObject(2);
  b.addFieldOffset(0, mean, 0);
  b.addFieldOffset(1, std, 0);
  const normalization = b.endObject();
  // ProcessUnit { options: ProcessUnitOptions (union: type slot 0, value slot 1) }
  b.startObject(2);
  b.addFieldInt8(0, PROCESS_UNIT_NORMALIZATION, 0);
  b.addFieldOffset(1, normalization, 0);
  const processUnit = b.endObject();
  const processUnits = offsetVector(b, [processUnit]);
  // ImageProperties { color_space: byte enum; default_size }
  b.startObject(2);
  b.addFieldInt8(0, COLOR_SPACE_RGB, 0);
  const imageProps = b.endObject();
  // Content { content_properties (union: slots 0, 1); range }
  b.startObject(3);
  b.addFieldInt8(0, CONTENT_PROPERTIES_IMAGE, 0);
  b.addFieldOffset(1, imageProps, 0);
  const content = b.endObject();
  const tensorName = b.createString('image');
  // TensorMetadata { name, description, dimension_names, content, process_units, … }
  b.startObject(7);
  b.addFieldOffset(0, tensorName, 0);
  b.addFieldOffset(3, content, 0);
  b.addFieldOffset(4, processUnits, 0);
  const tensor = b.endObject();
  const inputs = offsetVector(b, [tensor]);
  // SubGraphMetadata { name, description, input_tensor_metadata, … }
  b.startObject(10);
  b.addFieldOffset(2, inputs, 0);
  const subgraph = b.endObject();
  const subgraphs = offsetVector(b, [subgraph]);
  const modelName = b.createString(name);
  const minParser = b.createString('1.0.0');
  // ModelMetadata { name, description, version, subgraph_metadata, author, license,
  //                 associated_files, min_parser_version }
  b.startObject(8);
  b.addFieldOffset(0, modelName, 0);
  b.addFieldOffset(3, subgraphs, 0);
  b.addFieldOffset(7, minParser, 0);
  const root = b.endObject();
  b.finish(root, METADATA_IDENTIFIER);
  return b.asUint8Array().slice();
}

function vectorF32(b: Builder, values: number[]): number {
  b.startVector(4, values.length, 4);
  for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i] ?? 0);
  return b.endVector();
}

function offsetVector(b: Builder, offsets: number[]): number {
  b.startVector(4, offsets.length, 4);
  for (let i = offsets.length - 1; i >= 0; i--) b.addOffset(offsets[i] ?? 0);
  return b.endVector();
}

/** Absolute positions of a table's fields (0 = absent) and the table's own position. */
function readTable(bytes: Uint8Array, tablePos: number, fields: number): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const vtable = tablePos - view.getInt32(tablePos, true);
  const vtableSize = view.getUint16(vtable, true);
  const out: number[] = [];
  for (let i = 0; i < fields; i++) {
    const slot = 4 + 2 * i;
    const rel = slot < vtableSize ? view.getUint16(vtable + slot, true) : 0;
    out.push(rel === 0 ? 0 : tablePos + rel);
  }
  return out;
}

function deref(view: DataView, fieldPos: number): number {
  return fieldPos + view.getUint32(fieldPos, true);
}

/** Little-endian writer for the prefix, with forward offsets patched once targets are placed. */
class PrefixWriter {
  bytes: number[] = [];
  get pos(): number {
    return this.bytes.length;
  }
  align(n: number, mod = 0): void {
    while (this.bytes.length % n !== mod) this.bytes.push(0);
  }
  u8(v: number): void {
    this.bytes.push(v & 0xff);
  }
  u16(v: number): void {
    this.u8(v);
    this.u8(v >>> 8);
  }
  u32(v: number): number {
    const at = this.pos;
    this.u16(v & 0xffff);
    this.u16(v >>> 16);
    return at;
  }
  setU32(at: number, v: number): void {
    for (let i = 0; i < 4; i++) this.bytes[at + i] = (v >>> (8 * i)) & 0xff;
  }
  raw(data: Uint8Array): void {
    for (const x of data) this.bytes.push(x);
  }
}

/**
 * A copy of `model` with `metadata` attached as buffer `TFLITE_METADATA`. Refuses a model
 * that already has TFLITE_METADATA.
 */
export function addModelMetadata(model: Uint8Array, metadata: Uint8Array): Uint8Array {
  const view = new DataView(model.buffer, model.byteOffset, model.byteLength);
  if (new TextDecoder().decode(model.subarray(4, 8)) !== TFLITE_IDENTIFIER)
    throw new Error('not a TFLite model (identifier TFL3 missing)');
  const rootPos = view.getUint32(0, true);
  const fields = readTable(model, rootPos, MODEL_FIELDS);
  // Existing Metadata entries (e.g. `min_runtime_version`) are kept.
  const oldMetadata: number[] = [];
  if ((fields[MODEL_METADATA] ?? 0) !== 0) {
    const vec = deref(view, fields[MODEL_METADATA] ?? 0);
    for (let i = 0; i < view.getUint32(vec, true); i++)
      oldMetadata.push(deref(view, vec + 4 + 4 * i));
  }
  if (readModelMetadata(model) !== null) throw new Error('model already has TFLITE_METADATA');
  const oldBuffersPos = fields[MODEL_BUFFERS] ? deref(view, fields[MODEL_BUFFERS] ?? 0) : 0;
  const oldBuffers: number[] = [];
  if (oldBuffersPos !== 0) {
    const n = view.getUint32(oldBuffersPos, true);
    for (let i = 0; i < n; i++) oldBuffers.push(deref(view, oldBuffersPos + 4 + 4 * i));
  }

  const w = new PrefixWriter();
  const rootOffsetAt = w.u32(0);
  w.raw(new TextEncoder().encode(TFLITE_IDENTIFIER));
  // Root vtable: 8 fields, each 4 bytes inline (version u32 or an offset).
  const vtablePos = w.pos;
  w.u16(4 + 2 * MODEL_FIELDS);
  w.u16(4 + 4 * MODEL_FIELDS);
  // A field is present when we write it (buffers, metadata) or the old model had it;
  // the deprecated metadata_buffer is dropped (it indexed the old buffers list).
  const present = (i: number) =>
    i === MODEL_BUFFERS ||
    i === MODEL_METADATA ||
    (i !== MODEL_METADATA_BUFFER && (fields[i] ?? 0) !== 0);
  for (let i = 0; i < MODEL_FIELDS; i++) w.u16(present(i) ? 4 + 4 * i : 0);
  w.align(4);
  const tablePos = w.pos;
  w.setU32(rootOffsetAt, tablePos);
  w.u32(tablePos - vtablePos); // soffset to the vtable (positive: vtable is before)
  const fieldAt: number[] = [];
  for (let i = 0; i < MODEL_FIELDS; i++) fieldAt.push(w.u32(0));
  // Patches: [where, absolute target in the final file]; old-byte targets get +prefix later.
  const patchesToOld: [number, number][] = [];
  const patchesToNew: [number, number][] = [];
  for (let i = 0; i < MODEL_FIELDS; i++) {
    const src = fields[i] ?? 0;
    if (i === MODEL_BUFFERS || i === MODEL_METADATA || !present(i)) continue;
    if (i === 0)
      w.setU32(fieldAt[0] ?? 0, view.getUint32(src, true)); // version: a scalar
    else patchesToOld.push([fieldAt[i] ?? 0, deref(view, src)]);
  }
  // buffers: old Buffer tables + the new one.
  w.align(4);
  patchesToNew.push([fieldAt[MODEL_BUFFERS] ?? 0, w.pos]);
  w.u32(oldBuffers.length + 1);
  for (const b of oldBuffers) patchesToOld.push([w.u32(0), b]);
  const newBufferEntry = w.u32(0);
  // metadata: [Metadata { name, buffer }]
  patchesToNew.push([fieldAt[MODEL_METADATA] ?? 0, w.pos]);
  w.u32(oldMetadata.length + 1);
  for (const m of oldMetadata) patchesToOld.push([w.u32(0), m]);
  const metadataEntry = w.u32(0);
  const metaVtable = w.pos;
  w.u16(8);
  w.u16(12);
  w.u16(4);
  w.u16(8);
  const metaTable = w.pos;
  patchesToNew.push([metadataEntry, metaTable]);
  w.u32(metaTable - metaVtable);
  const nameField = w.u32(0);
  w.u32(oldBuffers.length); // index of the new buffer
  const name = new TextEncoder().encode(METADATA_BUFFER_NAME);
  patchesToNew.push([nameField, w.pos]);
  w.u32(name.length);
  w.raw(name);
  w.u8(0);
  // Buffer { data: [ubyte] (force_align 16) }
  w.align(4);
  const bufVtable = w.pos;
  w.u16(6);
  w.u16(8);
  w.u16(4);
  w.align(4);
  const bufTable = w.pos;
  patchesToNew.push([newBufferEntry, bufTable]);
  w.u32(bufTable - bufVtable);
  const dataField = w.u32(0);
  w.align(MAX_ALIGN, MAX_ALIGN - 4); // the bytes after the length prefix are 16-aligned
  patchesToNew.push([dataField, w.pos]);
  w.u32(metadata.length);
  w.raw(metadata);
  w.align(MAX_ALIGN);
  const prefix = w.pos;
  for (const [at, target] of patchesToNew) w.setU32(at, target - at);
  for (const [at, target] of patchesToOld) w.setU32(at, target + prefix - at);

  const out = new Uint8Array(prefix + model.length);
  out.set(w.bytes, 0);
  out.set(model, prefix);
  return out;
}

export interface ReadMetadata {
  name: string;
  mean: number[];
  std: number[];
  colorSpace: number;
}

/**
 * Reads back what `addModelMetadata` wrote, walking the real TFLite and metadata schemas
 * (used by tests and the build's self-check). Null when the model has no TFLITE_METADATA.
 */
export function readModelMetadata(model: Uint8Array): ReadMetadata | null {
  const view = new DataView(model.buffer, model.byteOffset, model.byteLength);
  const root = view.getUint32(0, true);
  const fields = readTable(model, root, MODEL_FIELDS);
  const metaField = fields[MODEL_METADATA] ?? 0;
  const buffersField = fields[MODEL_BUFFERS] ?? 0;
  if (metaField === 0 || buffersField === 0) return null;
  const metaVec = deref(view, metaField);
  const decoder = new TextDecoder();
  for (let i = 0; i < view.getUint32(metaVec, true); i++) {
    const table = deref(view, metaVec + 4 + 4 * i);
    const [nameField = 0, bufferField = 0] = readTable(model, table, 2);
    if (nameField === 0) continue;
    const str = deref(view, nameField);
    const name = decoder.decode(model.subarray(str + 4, str + 4 + view.getUint32(str, true)));
    if (name !== METADATA_BUFFER_NAME) continue;
    const index = bufferField === 0 ? 0 : view.getUint32(bufferField, true);
    const buffers = deref(view, buffersField);
    const buffer = deref(view, buffers + 4 + 4 * index);
    const [dataField = 0] = readTable(model, buffer, 1);
    const data = deref(view, dataField);
    const bytes = model.subarray(data + 4, data + 4 + view.getUint32(data, true));
    return parseMetadata(bytes);
  }
  return null;
}

function parseMetadata(bytes: Uint8Array): ReadMetadata {
  const bb = new ByteBuffer(bytes);
  if (!bb.__has_identifier(METADATA_IDENTIFIER)) throw new Error('metadata lacks "M001"');
  const field = (table: number, slot: number): number => {
    const off = bb.__offset(table, 4 + 2 * slot);
    return off === 0 ? 0 : table + off;
  };
  const sub = (table: number, slot: number): number => {
    const f = field(table, slot);
    return f === 0 ? 0 : bb.__indirect(f);
  };
  const vecItem = (table: number, slot: number, i: number): number => {
    const f = field(table, slot);
    return bb.__indirect(bb.__vector(f) + 4 * i);
  };
  const floats = (table: number, slot: number): number[] => {
    const f = field(table, slot);
    const out: number[] = [];
    for (let i = 0; i < bb.__vector_len(f); i++) out.push(bb.readFloat32(bb.__vector(f) + 4 * i));
    return out;
  };
  const root = bb.readInt32(bb.position()) + bb.position();
  const nameField = field(root, 0);
  const name = nameField === 0 ? '' : String(bb.__string(nameField));
  const subgraph = vecItem(root, 3, 0);
  const tensor = vecItem(subgraph, 2, 0);
  const unit = vecItem(tensor, 4, 0);
  if (bb.readInt8(field(unit, 0)) !== PROCESS_UNIT_NORMALIZATION)
    throw new Error('input process unit is not NormalizationOptions');
  const norm = sub(unit, 1);
  const content = sub(tensor, 3);
  const image = sub(content, 1);
  const cs = field(image, 0);
  return {
    name,
    mean: floats(norm, 0),
    std: floats(norm, 1),
    colorSpace: cs === 0 ? 0 : bb.readInt8(cs),
  };
}
