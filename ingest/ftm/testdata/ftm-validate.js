// ftm-validate.js checks a file of FollowTheMoney JSON lines against the
// reference model: the @alephdata/followthemoney package from the npm
// registry (installed by scripts/test outside the repository; see
// ../PROVENANCE.md). It is Tripline's test helper, not part of that
// package.
//
//   node ftm-validate.js MODEL_DIR FILE.ftm.json
//
// MODEL_DIR is the package's folder (…/node_modules/@alephdata/followthemoney).
// The schemata and properties come from the package's Model: an entity
// whose schema is unknown or abstract, or that sets a property its schema
// does not have (or a stub, a computed reverse), fails as the package
// itself refuses it (Schema.getProperty throws). The package carries the
// types' facts (lengths, the country, gender, topic and language
// vocabularies) but not the Python library's value checks, which this
// helper applies from those facts the way followthemoney's Python types
// validate: an entity reference must match EntityType.REGEX and name an
// entity of the file whose schema is the property's range or below it;
// dates are ISO 8601 prefixes (YYYY, YYYY-MM, YYYY-MM-DD, then hours,
// minutes, seconds) of real dates; an e-mail is one address; a URL has a
// scheme and a host and no spaces; a phone number is E.164; a number
// parses; countries, genders, topics and languages are codes of the
// type's vocabulary; no value is longer than its property's maxLength (in
// code points, as Python counts); every required property of the schema
// is set.
//
// It prints one JSON object: {"entities", "failed", "kinds": {kind:
// count}, "examples": {kind: [up to 5 texts]}}, and exits 0 (the caller
// judges the counts).
'use strict';

const fs = require('fs');
const path = require('path');
const readline = require('readline');

const [modelDir, file] = process.argv.slice(2);
if (!modelDir || !file) {
  console.error('usage: node ftm-validate.js MODEL_DIR FILE');
  process.exit(2);
}
const ftm = require(path.resolve(modelDir));
const { Schema } = ftm;
const defaultModel = require(path.join(path.resolve(modelDir), 'dist', 'defaultModel.json'));
const model = new ftm.Model(defaultModel);
// Schema.getProperties() builds its map anew on every call, which makes
// the package's own Entity constructor slow on 200,000 entities: each
// schema keeps the map it builds (same result, built once).
for (const schema of model.getSchemata()) {
  const props = schema.getProperties();
  schema.getProperties = (qualified) => (qualified ? Schema.prototype.getProperties.call(schema, true) : props);
}

// followthemoney/types/entity.py: EntityType.REGEX.
const ENTITY_ID = /^[0-9a-zA-Z]([0-9a-zA-Z.\-]*[0-9a-zA-Z])?$/;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2}))?)?)?)?)?$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s.]+$/;
const PHONE = /^\+[1-9]\d{4,14}$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

const kinds = {};
const examples = {};
const failedIDs = new Set();
function fail(kind, text) {
  kinds[kind] = (kinds[kind] || 0) + 1;
  const ex = examples[kind] || (examples[kind] = []);
  if (ex.length < 5) ex.push(text.length > 300 ? text.slice(0, 300) + '…' : text);
}

function validDate(v) {
  const m = DATE.exec(v);
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m.map((x) => (x === undefined ? undefined : Number(x)));
  if (mo !== undefined && (mo < 1 || mo > 12)) return false;
  if (d !== undefined) {
    const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    if (d < 1 || d > days) return false;
  }
  if (h !== undefined && h > 23) return false;
  if (mi !== undefined && mi > 59) return false;
  if (s !== undefined && s > 59) return false;
  return true;
}

function validURL(v) {
  if (/\s/.test(v)) return false;
  try {
    const u = new URL(v);
    return ['http:', 'https:', 'ftp:'].includes(u.protocol) && u.hostname !== '';
  } catch (e) {
    return false;
  }
}

// checkValue returns why value v is not valid for property prop, or ''.
function checkValue(prop, v) {
  if (typeof v !== 'string') return 'not-a-string';
  if (v.trim() === '') return 'empty';
  const max = prop.maxLength || prop.type.maxLength;
  if (max && [...v].length > max) return 'too-long';
  const t = prop.type;
  switch (t.name) {
    case 'country':
    case 'gender':
    case 'topic':
    case 'language':
      return t.values.has(v) ? '' : 'bad-' + t.name;
    case 'date':
      return validDate(v) ? '' : 'bad-date';
    case 'email':
      return EMAIL.test(v) ? '' : 'bad-email';
    case 'url':
      return validURL(v) ? '' : 'bad-url';
    case 'phone':
      return PHONE.test(v) ? '' : 'bad-phone';
    case 'number':
      return NUMBER.test(v.replace(/,/g, '')) ? '' : 'bad-number';
    case 'entity':
      return ENTITY_ID.test(v) ? '' : 'bad-entity-id';
  }
  return '';
}

async function main() {
  const schemaOf = new Map();
  const refs = []; // [line, entity id, property, range schema, target id]
  let entities = 0;
  const rl = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
    line++;
    if (text.trim() === '') continue;
    entities++;
    let bad = false;
    const f = (kind, msg) => {
      bad = true;
      fail(kind, msg);
    };
    let raw;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      f('bad-json', `line ${line}: ${e.message}`);
      failedIDs.add('line ' + line);
      continue;
    }
    const id = raw.id;
    if (typeof id !== 'string' || !ENTITY_ID.test(id)) f('bad-id', `line ${line}: id ${JSON.stringify(id)}`);
    if (schemaOf.has(id)) f('duplicate-id', `line ${line}: ${id}`);
    let schema;
    try {
      schema = model.getSchema(raw.schema);
    } catch (e) {
      f('unknown-schema', `${id}: ${raw.schema}`);
      failedIDs.add('line ' + line);
      continue;
    }
    if (schema.abstract) f('abstract-schema', `${id}: ${schema.name}`);
    schemaOf.set(id, schema);
    const props = raw.properties || {};
    if (typeof props !== 'object' || Array.isArray(props)) {
      f('bad-properties', `${id}`);
      failedIDs.add('line ' + line);
      continue;
    }
    for (const [name, values] of Object.entries(props)) {
      let prop;
      try {
        prop = schema.getProperty(name);
      } catch (e) {
        f('unknown-property', `${schema.name}:${name} (${id})`);
        continue;
      }
      if (prop.stub) f('stub-property', `${schema.name}:${name} (${id})`);
      if (!Array.isArray(values)) {
        f('not-a-list', `${schema.name}:${name} (${id})`);
        continue;
      }
      for (const v of values) {
        const why = checkValue(prop, v);
        if (why) {
          f(why, `${schema.name}:${name} = ${JSON.stringify(v)} (${id})`);
        }
        if (prop.type.name === 'entity' && typeof v === 'string') {
          refs.push([line, id, schema.name + ':' + name, prop.range, v]);
        }
      }
    }
    for (const req of schema.required) {
      const vs = props[req];
      if (!Array.isArray(vs) || vs.length === 0) f('missing-required', `${schema.name}:${req} (${id})`);
    }
    // The package itself must take the entity.
    try {
      model.getEntity(raw);
    } catch (e) {
      f('refused-by-model', `${id}: ${e.message}`);
    }
    if (bad) failedIDs.add('line ' + line);
  }
  for (const [line, id, prop, range, target] of refs) {
    const ts = schemaOf.get(target);
    if (!ts) {
      fail('dangling-reference', `${prop} = ${target} (${id})`);
      failedIDs.add('line ' + line);
    } else if (range && !ts.isA(range)) {
      fail('wrong-range', `${prop} = ${target}, a ${ts.name}, not a ${range} (${id})`);
      failedIDs.add('line ' + line);
    }
  }
  console.log(JSON.stringify({ entities, failed: failedIDs.size, kinds, examples }));
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
