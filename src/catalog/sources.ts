/**
 * File names of the plan sources (the public Danish performance plans), as cited in the catalogue.
 *
 * @example
 * ```ts
 * getPlan('siri-2023').targets[0]?.source?.file === SOURCES.siri2023; // true
 * ```
 */
export const SOURCES = {
  /** SIRI, appendix to the 2020 plan: method per requirement (requirement 1.5, service targets). */
  siri2020Appendix: '000_8378628f957b58ff.txt',
  /** SIRI, Mål- og resultatplan 2020 (requirement 1.4, service targets). */
  siri2020: '001_b4a8366ef47cfff1.txt',
  /** SIRI, Mål- og resultatplan 2024. */
  siri2024: '002_65a52d8cb7c27791.txt',
  /** Udlændingestyrelsen, Mål- og resultatplan 2019. */
  us2019: '003_b8344c6ba3a493fb.txt',
  /** SIRI, Mål- og resultatplan 2023. */
  siri2023: '004_441319bcbc4bc2f4.txt',
} as const;
