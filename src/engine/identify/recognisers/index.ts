/**
 * The registry of recognisers: one object per kind of value that identifies a
 * person (or, for postcode districts, narrows one down), in the order column
 * detection tries them. Column-role detection uses them now; a free-text
 * scanner can use the same `test` and `headerHint` later.
 */
import { dateOfBirth } from './date-of-birth.ts';
import { email } from './email.ts';
import { nhsNumber } from './nhs-number.ts';
import { niNumber } from './ni-number.ts';
import { personName } from './person-name.ts';
import { postcodeDistrict } from './postcode-district.ts';
import type { Recogniser } from './recogniser.ts';
import { streetAddress } from './street-address.ts';
import { ukPhone } from './uk-phone.ts';
import { ukPostcode } from './uk-postcode.ts';

/**
 * Every recogniser, in the order column detection tries them: first the
 * direct identifiers (those judged by the share of passing values, where ties
 * go to the earlier one, then names and dates of birth with their own column
 * rules), then the key variables.
 */
export const RECOGNISERS: readonly Recogniser[] = [nhsNumber, niNumber, email, ukPostcode, ukPhone, streetAddress, personName, dateOfBirth, postcodeDistrict];

export type { ColumnSample, ColumnVerdict, DirectRecogniser, Recogniser, RecogniserId } from './recogniser.ts';
export { isDirectRecogniser, SHARE_REQUIRED, SHARE_REQUIRED_WITH_HINT } from './recogniser.ts';
export { header, headerTokens, type Header } from './header.ts';
export { dateOfBirth, email, nhsNumber, niNumber, personName, postcodeDistrict, streetAddress, ukPhone, ukPostcode };
