package org.openwd.bpmn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.DmnEngineException;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Specification of the default classification table {@code openwd/dmn/classification.dmn}, evaluated the way the platform's
 * rules module evaluates it: Camunda's standalone DMN engine with its default configuration (FEEL), every contract variable
 * present and possibly null.
 */
class ClassificationDecisionTest {

	static final String RESOURCE = "openwd/dmn/classification.dmn";

	static final Set<String> ROUTING_PROFILES = Set.of("claims-priority", "claims-standard", "billing", "service-priority",
			"service-standard", "back-office", "complaints", "supervisor-review");

	private final List<String> matchedRules = new ArrayList<>();

	private DmnEngine engine;

	private DmnDecision decision;

	@BeforeEach
	void parseTheTable() throws IOException {
		DefaultDmnEngineConfiguration configuration = (DefaultDmnEngineConfiguration) DmnEngineConfiguration
			.createDefaultDmnEngineConfiguration();
		configuration.customPostDecisionEvaluationListeners(List.of(this::recordMatchedRules));
		engine = configuration.buildEngine();
		try (InputStream xml = resource()) {
			decision = engine.parseDecision("classification", xml);
		}
	}

	static Stream<Arguments> oneRowPerRule() {
		return Stream.of(
				arguments("Rule_ClaimsGold", task("crm", "claim").segment("gold").channel("web").amount(4200),
						new Outcome("claims-priority", "claims", "claims-handling", 80, "claims", "PT4H")),
				arguments("Rule_ClaimsHighAmount", task("crm", "claim").segment("silver").amount(25_000),
						new Outcome("claims-priority", "claims", "claims-handling", 70, "claims,senior", "PT8H")),
				arguments("Rule_ClaimsStandard", task("crm", "claim").segment("silver").channel("phone").amount(380),
						new Outcome("claims-standard", "claims", "claims-handling", 40, "claims", "P2D")),
				arguments("Rule_InvoicesHighAmount", task("erp", "invoice").segment("bronze").amount(12_990.5),
						new Outcome("billing", "billing", "invoice-processing", 50, "billing,approval", "PT8H")),
				arguments("Rule_InvoicesStandard", task("erp", "invoice").segment("gold").amount(250),
						new Outcome("billing", "billing", "invoice-processing", 20, "billing", "P1D")),
				arguments("Rule_ComplaintsInPublic", task("crm", "complaint").channel("social"),
						new Outcome("complaints", "complaints", "complaint-handling", 90, "complaints,senior", "PT4H")),
				arguments("Rule_ComplaintsStandard", task("mail", "complaint").segment("gold").channel("email"),
						new Outcome("complaints", "complaints", "complaint-handling", 60, "complaints", "P3D")),
				arguments("Rule_EmailsGold", task("mail", "email").segment("gold").channel("email"),
						new Outcome("service-priority", "service", "customer-correspondence", 60, "service", "PT2H")),
				arguments("Rule_EmailsStandard", task("mail", "email").segment("silver").channel("email"),
						new Outcome("service-standard", "service", "customer-correspondence", null, "service", null)),
				arguments("Rule_DocumentsScanned", task("scan", "document").segment("bronze"),
						new Outcome("back-office", "back-office", "mail-indexing", null, "indexing", "PT4H")),
				arguments("Rule_DocumentsStandard", task("portal", "document"),
						new Outcome("back-office", "back-office", "document-indexing", null, "indexing", null)),
				arguments("Rule_EscalationReview", task("escalation", "escalation-review"),
						new Outcome("supervisor-review", null, "escalation-review", null, "supervision", null)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("oneRowPerRule")
	void classifiesByTheRule(String ruleId, TaskVariables task, Outcome expected) {
		DmnDecisionResult result = classify(task);

		assertThat(matchedRules).containsExactly(ruleId);
		assertThat(Outcome.of(result.getSingleResult())).isEqualTo(expected);
	}

	@Test
	void everyRuleHasATestRow() {
		List<String> tested = oneRowPerRule().map(row -> (String) row.get()[0]).toList();

		assertThat(tested).containsExactlyElementsOf(ruleIds());
	}

	@Test
	void leavesUnknownWorkUnmatched() {
		DmnDecisionResult result = classify(task("fax-gateway", "fax").segment("gold").amount(50_000));

		assertThat(result.getResultList()).isEmpty();
		assertThat(matchedRules).isEmpty();
	}

	@Test
	void leavesATaskWithoutATypeUnmatched() {
		assertThat(classify(task(null, null)).getResultList()).isEmpty();
	}

	@Test
	void comparesTextExactlyIncludingCase() {
		assertThat(classify(task("crm", "Claim").segment("gold")).getResultList()).isEmpty();
		assertThat(classify(task("mail", "email").segment("Gold").channel("email")).getSingleResult().<String>getEntry("routingProfile"))
			.isEqualTo("service-standard");
	}

	@Test
	void firstMatchingRuleWins() {
		DmnDecisionResult result = classify(task("crm", "claim").segment("gold").amount(25_000));

		assertThat(matchedRules).containsExactly("Rule_ClaimsGold");
		assertThat(Outcome.of(result.getSingleResult()))
			.isEqualTo(new Outcome("claims-priority", "claims", "claims-handling", 80, "claims", "PT4H"));
	}

	@Test
	void leavesOutTheOutputsOfEmptyCells() {
		DmnDecisionResultEntries emails = classify(task("mail", "email")).getSingleResult();

		assertThat(emails.getEntryMap()).containsOnlyKeys("routingProfile", "department", "process", "requiredSkills");
	}

	@Test
	void answersBusinessValueAsAnInteger() {
		Object value = classify(task("crm", "claim")).getSingleResult().getEntry("businessValue");

		assertThat(value).isInstanceOf(Integer.class).isEqualTo(40);
	}

	@ParameterizedTest(name = "amount {0} is over 10000")
	@MethodSource("amountsOver10000")
	void readsAnAmountOfAnyNumericTypeOrNumericText(Object amount) {
		classify(task("crm", "claim").amount(amount));

		assertThat(matchedRules).containsExactly("Rule_ClaimsHighAmount");
	}

	static Stream<Object> amountsOver10000() {
		return Stream.of(10_001, 10_001L, 10_000.5, new BigDecimal("10000.01"), "12000");
	}

	@Test
	void treatsAnAmountOfExactly10000AsAStandardClaim() {
		classify(task("crm", "claim").amount(10_000));

		assertThat(matchedRules).containsExactly("Rule_ClaimsStandard");
	}

	@Test
	void failsOnAnAmountThatIsNotANumber() {
		assertThatThrownBy(() -> classify(task("crm", "claim").amount("a lot"))).isInstanceOf(DmnEngineException.class)
			.hasMessageContaining("Invalid value 'a lot'");
	}

	@Test
	void treatsAMissingVariableAsNull() {
		VariableMap onlyAType = Variables.createVariables().putValue("type", "invoice");

		DmnDecisionResult result = engine.evaluateDecision(decision, onlyAType);

		assertThat(matchedRules).containsExactly("Rule_InvoicesStandard");
		assertThat(result.getSingleResult().<String>getEntry("routingProfile")).isEqualTo("billing");
	}

	@Test
	void honoursTheContractWithTheRulesModule() {
		DmnModelInstance model = readModel();
		Definitions definitions = model.getDefinitions();
		Decision classification = model.getModelElementById("classification");
		DecisionTable table = decisionTable(model);

		assertThat(definitions.getId()).isEqualTo("Definitions_Classification");
		assertThat(definitions.getDomElement().getNamespaceURI()).isEqualTo("https://www.omg.org/spec/DMN/20191111/MODEL/");
		assertThat(model.getModelElementsByType(Decision.class)).containsExactly(classification);
		assertThat(classification.getName()).isEqualTo("Classify captured tasks");
		assertThat(decision.getKey()).isEqualTo("classification");
		assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.FIRST);
		assertThat(table.getInputs()).extracting(input -> input.getInputExpression().getText().getTextContent())
			.containsExactly("type", "customerSegment", "channel", "amount", "sourceSystem");
		assertThat(table.getInputs()).extracting(input -> input.getInputExpression().getTypeRef())
			.containsExactly("string", "string", "string", "double", "string");
		assertThat(table.getOutputs()).extracting(Output::getName)
			.containsExactly("routingProfile", "department", "process", "businessValue", "requiredSkills", "sla");
		assertThat(table.getOutputs()).extracting(Output::getTypeRef)
			.containsExactly("string", "string", "string", "integer", "string", "string");
	}

	@Test
	void everyRuleHasAStableIdAndDescription() {
		Collection<Rule> rules = decisionTable(readModel()).getRules();

		assertThat(rules).hasSizeBetween(8, 12).allSatisfy(rule -> {
			assertThat(rule.getId()).matches("Rule_[A-Za-z]+");
			assertThat(rule.getDescription()).as("description of %s", rule.getId()).isNotNull();
			assertThat(rule.getDescription().getTextContent()).as("description of %s", rule.getId()).isNotBlank();
		});
	}

	@Test
	void everyInputAndOutputHasAStableId() {
		DecisionTable table = decisionTable(readModel());

		assertThat(table.getInputs()).extracting(Input::getId).allMatch(id -> id.matches("Input_[A-Za-z]+"));
		assertThat(table.getOutputs()).extracting(Output::getId).allMatch(id -> id.matches("Output_[A-Za-z]+"));
	}

	@Test
	void everyRuleNamesAKnownRoutingProfile() {
		DecisionTable table = decisionTable(readModel());
		int column = table.getOutputs().stream().map(Output::getName).toList().indexOf("routingProfile");

		assertThat(table.getRules()).allSatisfy(rule -> {
			OutputEntry routingProfile = new ArrayList<>(rule.getOutputEntries()).get(column);
			assertThat(unquote(routingProfile.getText().getTextContent())).as("routing profile of %s", rule.getId())
				.isIn(ROUTING_PROFILES);
		});
	}

	private DmnDecisionResult classify(TaskVariables task) {
		return engine.evaluateDecision(decision, task.toVariables());
	}

	private void recordMatchedRules(DmnDecisionEvaluationEvent event) {
		if (event.getDecisionResult() instanceof DmnDecisionTableEvaluationEvent table) {
			table.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).forEach(matchedRules::add);
		}
	}

	private static List<String> ruleIds() {
		return decisionTable(readModel()).getRules().stream().map(Rule::getId).toList();
	}

	private static DecisionTable decisionTable(DmnModelInstance model) {
		return (DecisionTable) ((Decision) model.getModelElementById("classification")).getExpression();
	}

	private static DmnModelInstance readModel() {
		try (InputStream xml = resource()) {
			return Dmn.readModelFromStream(xml);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static InputStream resource() {
		InputStream xml = ClassificationDecisionTest.class.getClassLoader().getResourceAsStream(RESOURCE);
		assertThat(xml).as(RESOURCE + " on the class path").isNotNull();
		return xml;
	}

	private static String unquote(String feelString) {
		assertThat(feelString).as("a FEEL string literal").startsWith("\"").endsWith("\"");
		return feelString.substring(1, feelString.length() - 1);
	}

	static TaskVariables task(String sourceSystem, String type) {
		return new TaskVariables(sourceSystem, type);
	}

	/**
	 * The variables the rules module passes for a captured task: every name of the contract, null unless the test sets it.
	 */
	static final class TaskVariables {

		private final Map<String, Object> attributes = new HashMap<>();

		private final VariableMap variables = Variables.createVariables();

		TaskVariables(String sourceSystem, String type) {
			variables.putValue("sourceSystem", sourceSystem)
				.putValue("type", type)
				.putValue("customerSegment", null)
				.putValue("businessValue", null)
				.putValue("customerId", null)
				.putValue("department", null)
				.putValue("process", null)
				.putValue("channel", null)
				.putValue("amount", null)
				.putValue("attributes", attributes);
		}

		TaskVariables segment(String customerSegment) {
			variables.putValue("customerSegment", customerSegment);
			return this;
		}

		TaskVariables channel(String channel) {
			attributes.put("channel", channel);
			variables.putValue("channel", channel);
			return this;
		}

		TaskVariables amount(Object amount) {
			attributes.put("amount", amount);
			variables.putValue("amount", amount);
			return this;
		}

		VariableMap toVariables() {
			return variables;
		}

		@Override
		public String toString() {
			return variables.toString();
		}

	}

	/** The outputs of one matched rule; null where the rule's cell is empty. */
	record Outcome(String routingProfile, String department, String process, Integer businessValue, String requiredSkills,
			String sla) {

		static Outcome of(DmnDecisionResultEntries entries) {
			assertThat(entries).as("a matching rule").isNotNull();
			// getEntry(name) throws a NullPointerException for an output left out by an empty cell; the map view answers null
			Map<String, Object> outputs = entries.getEntryMap();
			return new Outcome((String) outputs.get("routingProfile"), (String) outputs.get("department"),
					(String) outputs.get("process"), (Integer) outputs.get("businessValue"),
					(String) outputs.get("requiredSkills"), (String) outputs.get("sla"));
		}

	}

}
