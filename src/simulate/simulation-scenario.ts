/** One task to simulate: the pairing key, the domain and the scenario sentence. */
export interface SimulationScenario {
  scenarioId: string;
  domain: string;
  /** "interacting with a chatbot to …" */
  scenario: string;
}
