import type { PlanDocument } from '../targets/model.js';

/*
 * The published documents the bundled plans rest on, cited as a reader finds them: authority, title
 * as printed, year, and the requirements each numbers (number and "Område" as the document words it).
 */

const requirements = (...entries: [string, string][]): PlanDocument['requirements'] =>
  entries.map(([number, title]) => ({ number, title }));

/** Udlændingestyrelsen, Mål- og resultatplan 2019 (the signed plan). */
export const US_2019: PlanDocument = {
  id: 'us-2019',
  authority: 'Udlændingestyrelsen',
  title: 'Mål- og resultatplan 2019',
  year: 2019,
  kind: 'plan',
  requirements: requirements(
    ['1.1', 'Asylsager'],
    ['1.2', 'Familiesammenførings sager og forlængelse af opholdstilladelser mv.'],
    ['1.3', 'Borgerservice'],
    ['2.1', 'Kontrolinitiativer på finansloven'],
    ['2.2', 'Implementering af budgetanalyse – robotudvikling'],
    ['2.3', 'Styrelsens flytning til Næstved'],
    ['2.4', 'Effektiv understøttelse af ministerbetjening og politikudvikling'],
    ['3.1', 'God arbejdsgiveradfærd'],
    ['3.2', 'Informationssikkerhed'],
  ),
};

/** SIRI, Mål- og resultatplan 2020 (the signed plan). */
export const SIRI_2020: PlanDocument = {
  id: 'siri-2020',
  authority: 'SIRI',
  title: 'Mål- og resultatplan 2020',
  year: 2020,
  kind: 'plan',
  requirements: requirements(
    ['1.1', 'Virksomhedsrettet integrationsindsats'],
    ['1.2', 'Nationalt Center for Forebyggelse af Ekstremisme'],
    ['1.3', 'Kvalitet i SIRIs sagsbehandling og afgørelser'],
    ['1.4', 'Servicemål for erhvervs-, studie- og EU-området'],
    ['2.1', 'Effektiv understøttelse af ministerbetjening og politikudvikling'],
    ['2.2', 'Informationssikkerhed'],
    ['2.3', 'God arbejdsgiveradfærd'],
  ),
};

/**
 * SIRI's appendix to the 2020 plan: how each requirement is measured. It numbers the service
 * targets 1.5 where the signed plan has 1.4 (it skips 1.4).
 */
export const SIRI_2020_APPENDIX: PlanDocument = {
  id: 'siri-2020-bilag',
  authority: 'SIRI',
  title: 'Bilag for mål og resultatplan 2020 – opgørelsesmetode for resultatkrav',
  year: 2020,
  kind: 'appendix',
  requirements: requirements(
    ['1.1', 'Virksomhedsrettet integrationsindsats'],
    ['1.2', 'Nationalt Center for Forebyggelse af Ekstremisme'],
    ['1.3', 'Kvalitet i SIRIs sagsbehandling og afgørelser'],
    ['1.5', 'Servicemål'],
    ['2.1', 'Effektiv understøttelse af ministerbetjening og politikudvikling'],
    ['2.2', 'Informationssikkerhed'],
    ['2.3', 'God arbejdsgiveradfærd'],
  ),
};

/** SIRI, Mål- og resultatplan 2023 (the signed plan). */
export const SIRI_2023: PlanDocument = {
  id: 'siri-2023',
  authority: 'SIRI',
  title: 'Mål- og resultatplan 2023',
  year: 2023,
  kind: 'plan',
  requirements: requirements(
    ['1.1', 'Sagsbehandlingstider'],
    ['1.2', 'Borgerservice'],
    ['1.3', 'Integration og forebyggelse af negativ social kontrol og parallelsamfund'],
    ['1.4', 'Kvalitet i sagsbehandlingen'],
    ['2.1', 'Informationssikkerhed'],
    ['2.2', 'Leverandørstyring/databehandlerforhold'],
    ['2.3', 'Intern finansiel kontrol'],
    ['2.4', 'Bæredygtighed'],
  ),
};

/** SIRI, Mål- og resultatplan 2024 (the signed plan). */
export const SIRI_2024: PlanDocument = {
  id: 'siri-2024',
  authority: 'SIRI',
  title: 'Mål- og resultatplan 2024',
  year: 2024,
  kind: 'plan',
  requirements: requirements(
    ['1.1', 'Effektiv sagsbehandling'],
    ['1.2', 'Borgerservice'],
    ['1.3', 'Kvalitet i sagsbehandlingen'],
    ['1.4', 'Forebyggelse af negativ social kontrol'],
    ['2.1', 'Informationssikkerhed'],
    ['2.2', 'Leverandørstyring/databehandlerforhold'],
    ['2.3', 'Intern finansiel kontrol'],
    ['2.4', 'Bæredygtighed'],
  ),
};
