import { graphql } from '../app/graphql.ts';

/** A file as every case and upload shows it. */
export const MATERIAL_FIELDS = graphql(`
  fragment MaterialFields on Material {
    id
    kind
    fileName
    mimeType
    size
    createdAt
    downloadUrl
  }
`);

/** Who an enterprise is (name and 统一社会信用代码), as the other side of a case sees it. */
export const PARTY_FIELDS = graphql(`
  fragment PartyFields on Enterprise {
    id
    uscc
    name
  }
`);

export const AUTHORITY_FIELDS = graphql(`
  fragment AuthorityFields on TaxAuthority {
    code
    name
    level
  }
`);

/**
 * What a mutation payload's refusal shows: the Error interface's code and message, and for a ValidationError the
 * issue of each field. Spread into the payload, beside its success (and e.g. StaleVersionError) selections.
 */
export const ERROR_FIELDS = graphql(`
  fragment ErrorFields on Error {
    code
    message
    ... on ValidationError {
      issues {
        field
        code
        message
      }
    }
  }
`);
