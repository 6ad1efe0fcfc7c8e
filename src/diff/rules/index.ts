/**
 * The diff rule catalogue, in the order rules run. The version gate comes last because it reads
 * what the others found. Codes: HV61xx SOURCE, HV62xx WIRE, HV63xx CALL, HV64xx NEGOTIATION,
 * HV65xx CONFORMANCE, HV69xx the version gate; HV60xx are the diff command's own diagnostics
 * (src/diff/codes.ts). Retired codes stay reserved: never reuse a number.
 */
import type { DiffRule } from '../types.ts';
import { bitfieldMoved } from './bitfield-moved.ts';
import { callArgumentAdded } from './call-argument-added.ts';
import { callConventionChanged } from './call-convention-changed.ts';
import { callMemoryChanged } from './call-memory-changed.ts';
import { callRegisterChanged } from './call-register-changed.ts';
import { callValueTypeChanged } from './call-value-type-changed.ts';
import { conduitRemoved } from './conduit-removed.ts';
import { constantChanged } from './constant-changed.ts';
import { constantRemoved } from './constant-removed.ts';
import { deviceConfigChanged } from './device-config-changed.ts';
import { deviceIdChanged } from './device-id-changed.ts';
import { deviceRemoved } from './device-removed.ts';
import { deviceRequestChanged } from './device-request-changed.ts';
import { enumValueChanged } from './enum-value-changed.ts';
import { enumValueRemoved } from './enum-value-removed.ts';
import { enumValueReused } from './enum-value-reused.ts';
import { errorCodeChanged } from './error-code-changed.ts';
import { featureBitMoved } from './feature-bit-moved.ts';
import { featureBitReassigned } from './feature-bit-reassigned.ts';
import { featureBitRemoved } from './feature-bit-removed.ts';
import { fieldEndiannessChanged } from './field-endianness-changed.ts';
import { fieldOffsetChanged } from './field-offset-changed.ts';
import { fieldRemoved } from './field-removed.ts';
import { fieldRenamed } from './field-renamed.ts';
import { fieldSignednessChanged } from './field-signedness-changed.ts';
import { fieldStructReplaced } from './field-struct-replaced.ts';
import { fieldTombstoned } from './field-tombstoned.ts';
import { fieldTypeChanged } from './field-type-changed.ts';
import { fieldWidthChanged } from './field-width-changed.ts';
import { flagRemoved } from './flag-removed.ts';
import { functionIdChanged } from './function-id-changed.ts';
import { functionRemoved } from './function-removed.ts';
import { functionRenamed } from './function-renamed.ts';
import { idNameChanged } from './id-name-changed.ts';
import { itemAdded } from './item-added.ts';
import { protocolMessageChanged } from './protocol-message-changed.ts';
import { requirementAddedMust } from './requirement-added-must.ts';
import { requirementRemoved } from './requirement-removed.ts';
import { requirementStrengthened } from './requirement-strengthened.ts';
import { requirementTextChanged } from './requirement-text-changed.ts';
import { requirementWeakened } from './requirement-weakened.ts';
import { registerRules } from './register-changes.ts';
import { reservedFieldGivenMeaning } from './reserved-field-given-meaning.ts';
import { specRemoved } from './spec-removed.ts';
import { storageChanged } from './storage-changed.ts';
import { structAlignChanged } from './struct-align-changed.ts';
import { structExtended } from './struct-extended.ts';
import { structSizeChanged } from './struct-size-changed.ts';
import { typeRemoved } from './type-removed.ts';
import { typeRenamed } from './type-renamed.ts';
import { versionBumpSuggested } from './version-bump-suggested.ts';
import { versionDecreased } from './version-decreased.ts';
import { versionMajorRequired } from './version-major-required.ts';
import { virtqueueOrderChanged } from './virtqueue-order-changed.ts';
import { virtqueueRemoved } from './virtqueue-removed.ts';

export const diffRules: readonly DiffRule[] = [
  // SOURCE
  typeRemoved, typeRenamed, fieldRenamed, fieldTypeChanged, constantRemoved, functionRenamed, idNameChanged,
  itemAdded, fieldTombstoned,
  // WIRE
  structSizeChanged, structExtended, structAlignChanged, fieldOffsetChanged, fieldWidthChanged,
  fieldEndiannessChanged, fieldSignednessChanged, fieldRemoved, reservedFieldGivenMeaning, bitfieldMoved,
  enumValueChanged, enumValueRemoved, enumValueReused, constantChanged, flagRemoved, storageChanged,
  deviceRequestChanged, protocolMessageChanged, fieldStructReplaced, ...registerRules,
  // CALL
  functionIdChanged, functionRemoved, callRegisterChanged, callArgumentAdded, callValueTypeChanged,
  callConventionChanged, conduitRemoved, errorCodeChanged, callMemoryChanged,
  // NEGOTIATION
  deviceIdChanged, deviceRemoved, featureBitRemoved, featureBitMoved, featureBitReassigned,
  virtqueueOrderChanged, virtqueueRemoved, deviceConfigChanged, specRemoved,
  // CONFORMANCE
  requirementStrengthened, requirementAddedMust, requirementRemoved, requirementWeakened, requirementTextChanged,
  // the version gate: reads the findings above
  versionMajorRequired, versionBumpSuggested, versionDecreased,
];
