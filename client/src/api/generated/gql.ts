/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment AuditEntryFields on AuditEntry { id at action entity entityId field before after username source batchId }": typeof types.AuditEntryFieldsFragmentDoc,
    "query RowHistory($entity: String!, $entityId: ID!, $limit: Int) {\n  auditLog(entity: $entity, entityId: $entityId, limit: $limit) { ...AuditEntryFields } }": typeof types.RowHistoryDocument,
    "fragment BoardIndicator on Indicator {\n  id seq name unit attribute baseValue baseYear\n  responsibilities { role department { id name nameEn } }\n  yearTargets { year targetValue derived }\n  progress(year: $year) { year status ratio actualValue targetValue provisional explanation explanationEn }\n  p2016: progress(year: 2016) { status actualValue provisional }\n  p2017: progress(year: 2017) { status actualValue provisional }\n  p2018: progress(year: 2018) { status actualValue provisional }\n  p2019: progress(year: 2019) { status actualValue provisional }\n  p2020: progress(year: 2020) { status actualValue provisional }\n}": typeof types.BoardIndicatorFragmentDoc,
    "query BoardIndicators($year: Int!, $limit: Int) {\n  indicators(orderBy: [{ field: \"seq\", direction: ASC }], limit: $limit) { totalCount items { ...BoardIndicator } }\n}": typeof types.BoardIndicatorsDocument,
    "\n    subscription Presence($table: LiveTable!, $planCode: String) {\n      presence(table: $table, planCode: $planCode) { key username role department departmentEn since rowId editingSince }\n    }\n  ": typeof types.PresenceDocument,
    "mutation SetEditing($table: LiveTable!, $planCode: String, $rowId: ID) { setEditing(table: $table, planCode: $planCode, rowId: $rowId) }": typeof types.SetEditingDocument,
    "\n  query RectificationLoop($id: ID!) {\n    rectification(id: $id) {\n      id\n      seq\n      status\n      version\n      overdue\n      deadlineYear\n      responsibilities { role department { id name nameEn } }\n      steps { from to note by at department { id name nameEn } }\n      feedback { id text source author createdAt department { id name nameEn } }\n    }\n  }\n": typeof types.RectificationLoopDocument,
    "\n  mutation AddRectificationFeedback($rectificationId: ID!, $text: String!) {\n    addRectificationFeedback(rectificationId: $rectificationId, text: $text) { id }\n  }\n": typeof types.AddRectificationFeedbackDocument,
    "query Departments($search: String) { departments(search: $search) { id code name nameEn aliases version createdAt updatedAt } }": typeof types.DepartmentsDocument,
    "fragment SessionUser on User { username role department { id name nameEn } }": typeof types.SessionUserFragmentDoc,
    "query Me { me { ...SessionUser } }": typeof types.MeDocument,
    "mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { expiresAt user { ...SessionUser } } }": typeof types.LoginDocument,
    "mutation Logout { logout }": typeof types.LogoutDocument,
    "fragment ImportProblemFields on ImportProblem { table row column value reason code suggestions }": typeof types.ImportProblemFieldsFragmentDoc,
    "\n  fragment ImportResultFields on ImportResult {\n    importId table format encoding planCode dryRun applied rowCount created updated unchanged deleted problemCount\n    problems { ...ImportProblemFields }\n    tables { table rowCount created updated unchanged deleted columns { header field } rows { row key action cells changes { field before after } } }\n  }\n": typeof types.ImportResultFieldsFragmentDoc,
    "\n  mutation ImportTable($input: ImportInput!) {\n    importTable(input: $input) { ...ImportResultFields }\n  }\n": typeof types.ImportTableDocument,
    "\n  query ExportTable($table: TransferTable!, $format: TransferFormat!, $planCode: String) {\n    exportTable(table: $table, format: $format, planCode: $planCode) { filename mimeType rowCount contentBase64 }\n  }\n": typeof types.ExportTableDocument,
    "query TransferPlans { plans { code name nameEn startYear } }": typeof types.TransferPlansDocument,
    "fragment YearTargetFields on YearTarget { id year targetValue derived version }": typeof types.YearTargetFieldsFragmentDoc,
    "fragment YearTargetIndicator on Indicator {\n  id seq name unit targetText targetKind targetValue targetMethod baseValue baseYear annualGrowthPct cumulative version\n  yearTargets { ...YearTargetFields }\n}": typeof types.YearTargetIndicatorFragmentDoc,
    "query YearTargetIndicators($limit: Int, $offset: Int) {\n  indicators(orderBy: [{ field: \"seq\", direction: ASC }], limit: $limit, offset: $offset) { totalCount items { ...YearTargetIndicator } }\n}": typeof types.YearTargetIndicatorsDocument,
    "query YearTargetIndicator($id: ID!) { indicator(id: $id) { ...YearTargetIndicator } }": typeof types.YearTargetIndicatorDocument,
    "mutation UpdateYearTarget($id: ID!, $patch: YearTargetPatch!, $expectedVersion: Int) {\n  updateYearTarget(id: $id, patch: $patch, expectedVersion: $expectedVersion) { ...YearTargetFields }\n}": typeof types.UpdateYearTargetDocument,
    "mutation UpdateYearTargetInputs($id: ID!, $patch: IndicatorPatch!, $expectedVersion: Int) {\n  updateIndicator(id: $id, patch: $patch, expectedVersion: $expectedVersion) { ...YearTargetIndicator }\n}": typeof types.UpdateYearTargetInputsDocument,
    "query YearTargetHistory($entity: String!, $entityId: ID!, $limit: Int) {\n  auditLog(entity: $entity, entityId: $entityId, limit: $limit) { ...AuditEntryFields }\n}": typeof types.YearTargetHistoryDocument,
    "fragment ScoreCounts on StatusCounts { total achieved onTrack atRisk offTrack missed noData completionRate }": typeof types.ScoreCountsFragmentDoc,
    "fragment DepartmentUnits on Responsibility { id role note noteEn department { id name nameEn } }": typeof types.DepartmentUnitsFragmentDoc,
    "\n  query DepartmentPage($name: String!, $attribute: IndicatorAttribute, $role: ResponsibilityRole, $year: Int!) {\n    department(name: $name) {\n      id\n      code\n      name\n      nameEn\n      aliases\n      indicators(attribute: $attribute, role: $role) { id seq name unit targetText attribute responsibilities { ...DepartmentUnits } specialTargets { id seq title } progress(year: $year) { year status explanation explanationEn } }\n      specialTargets(role: $role) { id seq title assessmentMethods responsibilities { ...DepartmentUnits } indicators { id seq name } }\n      rectifications(role: $role) { id seq problem deadlineYear status overdue responsibilities { ...DepartmentUnits } }\n      innovationTopics(role: $role) { id seq field title responsibilities { ...DepartmentUnits } }\n      standards(role: $role) { id seq name releaseYear responsibilities { ...DepartmentUnits } }\n    }\n    departmentSuggestions(name: $name) { id name nameEn aliases }\n  }\n": typeof types.DepartmentPageDocument,
    "\n  query DepartmentScore($name: String!, $year: Int!) {\n    scorecard(year: $year, department: $name) {\n      year total completionRate achieved onTrack atRisk offTrack missed noData\n      asLead { ...ScoreCounts }\n      asSupporter { ...ScoreCounts }\n    }\n  }\n": typeof types.DepartmentScoreDocument,
    "fragment BulletinView on Bulletin {\n  month year title periodEnd published publishedAt publishedBy version foreword comparedWith comparedVersion\n  totals { total achieved onTrack atRisk offTrack missed noData completionRate }\n  departments {\n    code name nameEn\n    counts { total achieved onTrack atRisk offTrack missed noData }\n    items { itemKey kind name unit role status actualValue targetValue ratio provisional explanation previousStatus changed }\n    progressTexts { itemKey name text }\n    overdueSubmissions { itemKey name state }\n    overdueRectifications { id seq problem deadlineYear status role }\n    openEvaluations { id kind subject measures status }\n  }\n  changes { field itemKey name department before after description }\n  changedSincePublished { field itemKey name department before after description }\n}": typeof types.BulletinViewFragmentDoc,
    "query Bulletin($month: String!) { bulletin(month: $month) { ...BulletinView } }": typeof types.BulletinDocument,
    "query BulletinIssues { bulletinIssues { month version publishedAt publishedBy } }": typeof types.BulletinIssuesDocument,
    "mutation PublishBulletin($month: String!, $foreword: String, $expectedVersion: Int) {\n  publishBulletin(month: $month, foreword: $foreword, expectedVersion: $expectedVersion) { ...BulletinView }\n}": typeof types.PublishBulletinDocument,
    "query OfficeComments($filter: CommentFilter) { comments(filter: $filter) { id itemKind itemId text contact state version createdAt moderatedAt moderatedBy } }": typeof types.OfficeCommentsDocument,
    "mutation ModerateComment($id: ID!, $publish: Boolean!, $expectedVersion: Int) { moderateComment(id: $id, publish: $publish, expectedVersion: $expectedVersion) { id state version moderatedAt moderatedBy } }": typeof types.ModerateCommentDocument,
    "query CommentItemNames { publicOverview { indicators { id seq name } specialTargets { id seq title } rectifications { id seq problem } } }": typeof types.CommentItemNamesDocument,
    "fragment DatasetView on Dataset {\n  id name title query variables columnLabels createdBy version updatedAt\n}": typeof types.DatasetViewFragmentDoc,
    "query Datasets { datasets { ...DatasetView } }": typeof types.DatasetsDocument,
    "query DatasetLinkTokens($name: String!) { dataset(name: $name) { name linkTokens { id createdBy createdAt revokedAt lastUsedAt } } }": typeof types.DatasetLinkTokensDocument,
    "mutation SaveDataset($input: DatasetInput!, $expectedVersion: Int) { saveDataset(input: $input, expectedVersion: $expectedVersion) { ...DatasetView } }": typeof types.SaveDatasetDocument,
    "mutation DeleteDataset($name: String!, $expectedVersion: Int) { deleteDataset(name: $name, expectedVersion: $expectedVersion) }": typeof types.DeleteDatasetDocument,
    "mutation CreateDatasetLinkToken($dataset: String!) { createDatasetLinkToken(dataset: $dataset) { secret linkToken { id } } }": typeof types.CreateDatasetLinkTokenDocument,
    "mutation RevokeDatasetLinkToken($id: ID!) { revokeDatasetLinkToken(id: $id) }": typeof types.RevokeDatasetLinkTokenDocument,
    "fragment EvaluationFields on Evaluation {\n  id kind year quarter quarterKey title inspectionDate findings measures response respondedBy respondedAt status statusNote closedAt version updatedAt\n  department { id code name nameEn } }": typeof types.EvaluationFieldsFragmentDoc,
    "query Evaluations($filter: EvaluationFilter, $limit: Int, $offset: Int) {\n  evaluations(filter: $filter, limit: $limit, offset: $offset) { totalCount items { ...EvaluationFields } } }": typeof types.EvaluationsDocument,
    "mutation SaveEvaluation($input: EvaluationInput!, $expectedVersion: Int) {\n  saveEvaluation(input: $input, expectedVersion: $expectedVersion) { ...EvaluationFields } }": typeof types.SaveEvaluationDocument,
    "mutation RespondToEvaluation($id: ID!, $response: String!, $expectedVersion: Int!) {\n  respondToEvaluation(id: $id, response: $response, expectedVersion: $expectedVersion) { ...EvaluationFields } }": typeof types.RespondToEvaluationDocument,
    "mutation CloseEvaluation($id: ID!, $note: String, $expectedVersion: Int!) {\n  closeEvaluation(id: $id, note: $note, expectedVersion: $expectedVersion) { ...EvaluationFields } }": typeof types.CloseEvaluationDocument,
    "mutation ReopenEvaluation($id: ID!, $reason: String!, $expectedVersion: Int!) {\n  reopenEvaluation(id: $id, reason: $reason, expectedVersion: $expectedVersion) { ...EvaluationFields } }": typeof types.ReopenEvaluationDocument,
    "fragment PublicProgress on Progress { year status actualValue targetValue ratio provisional explanation explanationEn }": typeof types.PublicProgressFragmentDoc,
    "fragment PublicYearPoint on Progress { status actualValue provisional }": typeof types.PublicYearPointFragmentDoc,
    "query PublicOverview($year: Int!) { publicOverview {\n  planCode planName planNameEn startYear endYear\n  indicators {\n    id seq name unit attribute targetText cumulative baseValue baseYear\n    yearTargets { year targetValue derived }\n    progress(year: $year) { ...PublicProgress }\n    p2016: progress(year: 2016) { ...PublicYearPoint }\n    p2017: progress(year: 2017) { ...PublicYearPoint }\n    p2018: progress(year: 2018) { ...PublicYearPoint }\n    p2019: progress(year: 2019) { ...PublicYearPoint }\n    p2020: progress(year: 2020) { ...PublicYearPoint }\n  }\n  specialTargets { id seq title content milestones { id seq text value unit year cumulative progress(year: $year) { ...PublicProgress } } }\n  rectifications { id seq problem direction measures expectedOutcomes deadlineYear status latestFeedback { text at } }\n} }": typeof types.PublicOverviewDocument,
    "query PublicComments($item: CommentItemInput!) { publicComments(item: $item) { id text createdAt } }": typeof types.PublicCommentsDocument,
    "mutation PostComment($item: CommentItemInput!, $text: String!, $contact: String, $website: String) { postComment(item: $item, text: $text, contact: $contact, website: $website) }": typeof types.PostCommentDocument,
    "fragment AnnualScoreFields on DepartmentAnnualScore {\n  year total rank published publishedAt department { id code name nameEn }\n  parts { part score weight weighted inputs { kind label itemKey role attribute status value points weight note } } }": typeof types.AnnualScoreFieldsFragmentDoc,
    "fragment ScoreRuleFields on ScoreRule {\n  id year version stored leadShare supportShare bindingWeight expectedWeight milestoneWeight pointsAchieved pointsOnTrack pointsAtRisk\n  pointsOffTrack pointsMissed pointsNoData targetWeight socialWeight leadershipWeight innovationWeight innovationCap }": typeof types.ScoreRuleFieldsFragmentDoc,
    "query AnnualScores($year: Int!) { annualScores(year: $year) { ...AnnualScoreFields } scorePublication(year: $year) { publishedAt publishedBy } }": typeof types.AnnualScoresDocument,
    "query ScoreOffice($year: Int!) {\n  scoreRule(year: $year) { ...ScoreRuleFields }\n  departmentRatings(year: $year) { id version socialScore leadershipScore note department { id code name nameEn } }\n  innovationBonuses(year: $year) { id version points note department { id code name nameEn } innovationTopic { id seq title } }\n  innovationTopics(limit: 1000) { items { id seq title } }\n  departments { id code name nameEn } }": typeof types.ScoreOfficeDocument,
    "mutation SaveDepartmentRatings($year: Int!, $ratings: [DepartmentRatingInput!]!) {\n  saveDepartmentRatings(year: $year, ratings: $ratings) { id version socialScore leadershipScore department { id } } }": typeof types.SaveDepartmentRatingsDocument,
    "mutation SaveInnovationBonus($input: InnovationBonusInput!, $expectedVersion: Int) { saveInnovationBonus(input: $input, expectedVersion: $expectedVersion) { id } }": typeof types.SaveInnovationBonusDocument,
    "mutation DeleteInnovationBonus($id: ID!, $expectedVersion: Int!) { deleteInnovationBonus(id: $id, expectedVersion: $expectedVersion) }": typeof types.DeleteInnovationBonusDocument,
    "mutation SaveScoreRule($year: Int!, $input: ScoreRuleInput!, $expectedVersion: Int) { saveScoreRule(year: $year, input: $input, expectedVersion: $expectedVersion) { ...ScoreRuleFields } }": typeof types.SaveScoreRuleDocument,
    "mutation PublishAnnualScores($year: Int!) { publishAnnualScores(year: $year) { rank } }": typeof types.PublishAnnualScoresDocument,
    "mutation ImportDepartmentRatings($year: Int!, $file: RatingsFileInput!) { importDepartmentRatings(year: $year, file: $file) { id } }": typeof types.ImportDepartmentRatingsDocument,
    "query HubInfo { hubInfo { demoData } }": typeof types.HubInfoDocument,
};
const documents: Documents = {
    "fragment AuditEntryFields on AuditEntry { id at action entity entityId field before after username source batchId }": types.AuditEntryFieldsFragmentDoc,
    "query RowHistory($entity: String!, $entityId: ID!, $limit: Int) {\n  auditLog(entity: $entity, entityId: $entityId, limit: $limit) { ...AuditEntryFields } }": types.RowHistoryDocument,
    "fragment BoardIndicator on Indicator {\n  id seq name unit attribute baseValue baseYear\n  responsibilities { role department { id name nameEn } }\n  yearTargets { year targetValue derived }\n  progress(year: $year) { year status ratio actualValue targetValue provisional explanation explanationEn }\n  p2016: progress(year: 2016) { status actualValue provisional }\n  p2017: progress(year: 2017) { status actualValue provisional }\n  p2018: progress(year: 2018) { status actualValue provisional }\n  p2019: progress(year: 2019) { status actualValue provisional }\n  p2020: progress(year: 2020) { status actualValue provisional }\n}": types.BoardIndicatorFragmentDoc,
    "query BoardIndicators($year: Int!, $limit: Int) {\n  indicators(orderBy: [{ field: \"seq\", direction: ASC }], limit: $limit) { totalCount items { ...BoardIndicator } }\n}": types.BoardIndicatorsDocument,
    "\n    subscription Presence($table: LiveTable!, $planCode: String) {\n      presence(table: $table, planCode: $planCode) { key username role department departmentEn since rowId editingSince }\n    }\n  ": types.PresenceDocument,
    "mutation SetEditing($table: LiveTable!, $planCode: String, $rowId: ID) { setEditing(table: $table, planCode: $planCode, rowId: $rowId) }": types.SetEditingDocument,
    "\n  query RectificationLoop($id: ID!) {\n    rectification(id: $id) {\n      id\n      seq\n      status\n      version\n      overdue\n      deadlineYear\n      responsibilities { role department { id name nameEn } }\n      steps { from to note by at department { id name nameEn } }\n      feedback { id text source author createdAt department { id name nameEn } }\n    }\n  }\n": types.RectificationLoopDocument,
    "\n  mutation AddRectificationFeedback($rectificationId: ID!, $text: String!) {\n    addRectificationFeedback(rectificationId: $rectificationId, text: $text) { id }\n  }\n": types.AddRectificationFeedbackDocument,
    "query Departments($search: String) { departments(search: $search) { id code name nameEn aliases version createdAt updatedAt } }": types.DepartmentsDocument,
    "fragment SessionUser on User { username role department { id name nameEn } }": types.SessionUserFragmentDoc,
    "query Me { me { ...SessionUser } }": types.MeDocument,
    "mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { expiresAt user { ...SessionUser } } }": types.LoginDocument,
    "mutation Logout { logout }": types.LogoutDocument,
    "fragment ImportProblemFields on ImportProblem { table row column value reason code suggestions }": types.ImportProblemFieldsFragmentDoc,
    "\n  fragment ImportResultFields on ImportResult {\n    importId table format encoding planCode dryRun applied rowCount created updated unchanged deleted problemCount\n    problems { ...ImportProblemFields }\n    tables { table rowCount created updated unchanged deleted columns { header field } rows { row key action cells changes { field before after } } }\n  }\n": types.ImportResultFieldsFragmentDoc,
    "\n  mutation ImportTable($input: ImportInput!) {\n    importTable(input: $input) { ...ImportResultFields }\n  }\n": types.ImportTableDocument,
    "\n  query ExportTable($table: TransferTable!, $format: TransferFormat!, $planCode: String) {\n    exportTable(table: $table, format: $format, planCode: $planCode) { filename mimeType rowCount contentBase64 }\n  }\n": types.ExportTableDocument,
    "query TransferPlans { plans { code name nameEn startYear } }": types.TransferPlansDocument,
    "fragment YearTargetFields on YearTarget { id year targetValue derived version }": types.YearTargetFieldsFragmentDoc,
    "fragment YearTargetIndicator on Indicator {\n  id seq name unit targetText targetKind targetValue targetMethod baseValue baseYear annualGrowthPct cumulative version\n  yearTargets { ...YearTargetFields }\n}": types.YearTargetIndicatorFragmentDoc,
    "query YearTargetIndicators($limit: Int, $offset: Int) {\n  indicators(orderBy: [{ field: \"seq\", direction: ASC }], limit: $limit, offset: $offset) { totalCount items { ...YearTargetIndicator } }\n}": types.YearTargetIndicatorsDocument,
    "query YearTargetIndicator($id: ID!) { indicator(id: $id) { ...YearTargetIndicator } }": types.YearTargetIndicatorDocument,
    "mutation UpdateYearTarget($id: ID!, $patch: YearTargetPatch!, $expectedVersion: Int) {\n  updateYearTarget(id: $id, patch: $patch, expectedVersion: $expectedVersion) { ...YearTargetFields }\n}": types.UpdateYearTargetDocument,
    "mutation UpdateYearTargetInputs($id: ID!, $patch: IndicatorPatch!, $expectedVersion: Int) {\n  updateIndicator(id: $id, patch: $patch, expectedVersion: $expectedVersion) { ...YearTargetIndicator }\n}": types.UpdateYearTargetInputsDocument,
    "query YearTargetHistory($entity: String!, $entityId: ID!, $limit: Int) {\n  auditLog(entity: $entity, entityId: $entityId, limit: $limit) { ...AuditEntryFields }\n}": types.YearTargetHistoryDocument,
    "fragment ScoreCounts on StatusCounts { total achieved onTrack atRisk offTrack missed noData completionRate }": types.ScoreCountsFragmentDoc,
    "fragment DepartmentUnits on Responsibility { id role note noteEn department { id name nameEn } }": types.DepartmentUnitsFragmentDoc,
    "\n  query DepartmentPage($name: String!, $attribute: IndicatorAttribute, $role: ResponsibilityRole, $year: Int!) {\n    department(name: $name) {\n      id\n      code\n      name\n      nameEn\n      aliases\n      indicators(attribute: $attribute, role: $role) { id seq name unit targetText attribute responsibilities { ...DepartmentUnits } specialTargets { id seq title } progress(year: $year) { year status explanation explanationEn } }\n      specialTargets(role: $role) { id seq title assessmentMethods responsibilities { ...DepartmentUnits } indicators { id seq name } }\n      rectifications(role: $role) { id seq problem deadlineYear status overdue responsibilities { ...DepartmentUnits } }\n      innovationTopics(role: $role) { id seq field title responsibilities { ...DepartmentUnits } }\n      standards(role: $role) { id seq name releaseYear responsibilities { ...DepartmentUnits } }\n    }\n    departmentSuggestions(name: $name) { id name nameEn aliases }\n  }\n": types.DepartmentPageDocument,
    "\n  query DepartmentScore($name: String!, $year: Int!) {\n    scorecard(year: $year, department: $name) {\n      year total completionRate achieved onTrack atRisk offTrack missed noData\n      asLead { ...ScoreCounts }\n      asSupporter { ...ScoreCounts }\n    }\n  }\n": types.DepartmentScoreDocument,
    "fragment BulletinView on Bulletin {\n  month year title periodEnd published publishedAt publishedBy version foreword comparedWith comparedVersion\n  totals { total achieved onTrack atRisk offTrack missed noData completionRate }\n  departments {\n    code name nameEn\n    counts { total achieved onTrack atRisk offTrack missed noData }\n    items { itemKey kind name unit role status actualValue targetValue ratio provisional explanation previousStatus changed }\n    progressTexts { itemKey name text }\n    overdueSubmissions { itemKey name state }\n    overdueRectifications { id seq problem deadlineYear status role }\n    openEvaluations { id kind subject measures status }\n  }\n  changes { field itemKey name department before after description }\n  changedSincePublished { field itemKey name department before after description }\n}": types.BulletinViewFragmentDoc,
    "query Bulletin($month: String!) { bulletin(month: $month) { ...BulletinView } }": types.BulletinDocument,
    "query BulletinIssues { bulletinIssues { month version publishedAt publishedBy } }": types.BulletinIssuesDocument,
    "mutation PublishBulletin($month: String!, $foreword: String, $expectedVersion: Int) {\n  publishBulletin(month: $month, foreword: $foreword, expectedVersion: $expectedVersion) { ...BulletinView }\n}": types.PublishBulletinDocument,
    "query OfficeComments($filter: CommentFilter) { comments(filter: $filter) { id itemKind itemId text contact state version createdAt moderatedAt moderatedBy } }": types.OfficeCommentsDocument,
    "mutation ModerateComment($id: ID!, $publish: Boolean!, $expectedVersion: Int) { moderateComment(id: $id, publish: $publish, expectedVersion: $expectedVersion) { id state version moderatedAt moderatedBy } }": types.ModerateCommentDocument,
    "query CommentItemNames { publicOverview { indicators { id seq name } specialTargets { id seq title } rectifications { id seq problem } } }": types.CommentItemNamesDocument,
    "fragment DatasetView on Dataset {\n  id name title query variables columnLabels createdBy version updatedAt\n}": types.DatasetViewFragmentDoc,
    "query Datasets { datasets { ...DatasetView } }": types.DatasetsDocument,
    "query DatasetLinkTokens($name: String!) { dataset(name: $name) { name linkTokens { id createdBy createdAt revokedAt lastUsedAt } } }": types.DatasetLinkTokensDocument,
    "mutation SaveDataset($input: DatasetInput!, $expectedVersion: Int) { saveDataset(input: $input, expectedVersion: $expectedVersion) { ...DatasetView } }": types.SaveDatasetDocument,
    "mutation DeleteDataset($name: String!, $expectedVersion: Int) { deleteDataset(name: $name, expectedVersion: $expectedVersion) }": types.DeleteDatasetDocument,
    "mutation CreateDatasetLinkToken($dataset: String!) { createDatasetLinkToken(dataset: $dataset) { secret linkToken { id } } }": types.CreateDatasetLinkTokenDocument,
    "mutation RevokeDatasetLinkToken($id: ID!) { revokeDatasetLinkToken(id: $id) }": types.RevokeDatasetLinkTokenDocument,
    "fragment EvaluationFields on Evaluation {\n  id kind year quarter quarterKey title inspectionDate findings measures response respondedBy respondedAt status statusNote closedAt version updatedAt\n  department { id code name nameEn } }": types.EvaluationFieldsFragmentDoc,
    "query Evaluations($filter: EvaluationFilter, $limit: Int, $offset: Int) {\n  evaluations(filter: $filter, limit: $limit, offset: $offset) { totalCount items { ...EvaluationFields } } }": types.EvaluationsDocument,
    "mutation SaveEvaluation($input: EvaluationInput!, $expectedVersion: Int) {\n  saveEvaluation(input: $input, expectedVersion: $expectedVersion) { ...EvaluationFields } }": types.SaveEvaluationDocument,
    "mutation RespondToEvaluation($id: ID!, $response: String!, $expectedVersion: Int!) {\n  respondToEvaluation(id: $id, response: $response, expectedVersion: $expectedVersion) { ...EvaluationFields } }": types.RespondToEvaluationDocument,
    "mutation CloseEvaluation($id: ID!, $note: String, $expectedVersion: Int!) {\n  closeEvaluation(id: $id, note: $note, expectedVersion: $expectedVersion) { ...EvaluationFields } }": types.CloseEvaluationDocument,
    "mutation ReopenEvaluation($id: ID!, $reason: String!, $expectedVersion: Int!) {\n  reopenEvaluation(id: $id, reason: $reason, expectedVersion: $expectedVersion) { ...EvaluationFields } }": types.ReopenEvaluationDocument,
    "fragment PublicProgress on Progress { year status actualValue targetValue ratio provisional explanation explanationEn }": types.PublicProgressFragmentDoc,
    "fragment PublicYearPoint on Progress { status actualValue provisional }": types.PublicYearPointFragmentDoc,
    "query PublicOverview($year: Int!) { publicOverview {\n  planCode planName planNameEn startYear endYear\n  indicators {\n    id seq name unit attribute targetText cumulative baseValue baseYear\n    yearTargets { year targetValue derived }\n    progress(year: $year) { ...PublicProgress }\n    p2016: progress(year: 2016) { ...PublicYearPoint }\n    p2017: progress(year: 2017) { ...PublicYearPoint }\n    p2018: progress(year: 2018) { ...PublicYearPoint }\n    p2019: progress(year: 2019) { ...PublicYearPoint }\n    p2020: progress(year: 2020) { ...PublicYearPoint }\n  }\n  specialTargets { id seq title content milestones { id seq text value unit year cumulative progress(year: $year) { ...PublicProgress } } }\n  rectifications { id seq problem direction measures expectedOutcomes deadlineYear status latestFeedback { text at } }\n} }": types.PublicOverviewDocument,
    "query PublicComments($item: CommentItemInput!) { publicComments(item: $item) { id text createdAt } }": types.PublicCommentsDocument,
    "mutation PostComment($item: CommentItemInput!, $text: String!, $contact: String, $website: String) { postComment(item: $item, text: $text, contact: $contact, website: $website) }": types.PostCommentDocument,
    "fragment AnnualScoreFields on DepartmentAnnualScore {\n  year total rank published publishedAt department { id code name nameEn }\n  parts { part score weight weighted inputs { kind label itemKey role attribute status value points weight note } } }": types.AnnualScoreFieldsFragmentDoc,
    "fragment ScoreRuleFields on ScoreRule {\n  id year version stored leadShare supportShare bindingWeight expectedWeight milestoneWeight pointsAchieved pointsOnTrack pointsAtRisk\n  pointsOffTrack pointsMissed pointsNoData targetWeight socialWeight leadershipWeight innovationWeight innovationCap }": types.ScoreRuleFieldsFragmentDoc,
    "query AnnualScores($year: Int!) { annualScores(year: $year) { ...AnnualScoreFields } scorePublication(year: $year) { publishedAt publishedBy } }": types.AnnualScoresDocument,
    "query ScoreOffice($year: Int!) {\n  scoreRule(year: $year) { ...ScoreRuleFields }\n  departmentRatings(year: $year) { id version socialScore leadershipScore note department { id code name nameEn } }\n  innovationBonuses(year: $year) { id version points note department { id code name nameEn } innovationTopic { id seq title } }\n  innovationTopics(limit: 1000) { items { id seq title } }\n  departments { id code name nameEn } }": types.ScoreOfficeDocument,
    "mutation SaveDepartmentRatings($year: Int!, $ratings: [DepartmentRatingInput!]!) {\n  saveDepartmentRatings(year: $year, ratings: $ratings) { id version socialScore leadershipScore department { id } } }": types.SaveDepartmentRatingsDocument,
    "mutation SaveInnovationBonus($input: InnovationBonusInput!, $expectedVersion: Int) { saveInnovationBonus(input: $input, expectedVersion: $expectedVersion) { id } }": types.SaveInnovationBonusDocument,
    "mutation DeleteInnovationBonus($id: ID!, $expectedVersion: Int!) { deleteInnovationBonus(id: $id, expectedVersion: $expectedVersion) }": types.DeleteInnovationBonusDocument,
    "mutation SaveScoreRule($year: Int!, $input: ScoreRuleInput!, $expectedVersion: Int) { saveScoreRule(year: $year, input: $input, expectedVersion: $expectedVersion) { ...ScoreRuleFields } }": types.SaveScoreRuleDocument,
    "mutation PublishAnnualScores($year: Int!) { publishAnnualScores(year: $year) { rank } }": types.PublishAnnualScoresDocument,
    "mutation ImportDepartmentRatings($year: Int!, $file: RatingsFileInput!) { importDepartmentRatings(year: $year, file: $file) { id } }": types.ImportDepartmentRatingsDocument,
    "query HubInfo { hubInfo { demoData } }": types.HubInfoDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AuditEntryFields on AuditEntry { id at action entity entityId field before after username source batchId }"): (typeof documents)["fragment AuditEntryFields on AuditEntry { id at action entity entityId field before after username source batchId }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RowHistory($entity: String!, $entityId: ID!, $limit: Int) {\n  auditLog(entity: $entity, entityId: $entityId, limit: $limit) { ...AuditEntryFields } }"): (typeof documents)["query RowHistory($entity: String!, $entityId: ID!, $limit: Int) {\n  auditLog(entity: $entity, entityId: $entityId, limit: $limit) { ...AuditEntryFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment BoardIndicator on Indicator {\n  id seq name unit attribute baseValue baseYear\n  responsibilities { role department { id name nameEn } }\n  yearTargets { year targetValue derived }\n  progress(year: $year) { year status ratio actualValue targetValue provisional explanation explanationEn }\n  p2016: progress(year: 2016) { status actualValue provisional }\n  p2017: progress(year: 2017) { status actualValue provisional }\n  p2018: progress(year: 2018) { status actualValue provisional }\n  p2019: progress(year: 2019) { status actualValue provisional }\n  p2020: progress(year: 2020) { status actualValue provisional }\n}"): (typeof documents)["fragment BoardIndicator on Indicator {\n  id seq name unit attribute baseValue baseYear\n  responsibilities { role department { id name nameEn } }\n  yearTargets { year targetValue derived }\n  progress(year: $year) { year status ratio actualValue targetValue provisional explanation explanationEn }\n  p2016: progress(year: 2016) { status actualValue provisional }\n  p2017: progress(year: 2017) { status actualValue provisional }\n  p2018: progress(year: 2018) { status actualValue provisional }\n  p2019: progress(year: 2019) { status actualValue provisional }\n  p2020: progress(year: 2020) { status actualValue provisional }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BoardIndicators($year: Int!, $limit: Int) {\n  indicators(orderBy: [{ field: \"seq\", direction: ASC }], limit: $limit) { totalCount items { ...BoardIndicator } }\n}"): (typeof documents)["query BoardIndicators($year: Int!, $limit: Int) {\n  indicators(orderBy: [{ field: \"seq\", direction: ASC }], limit: $limit) { totalCount items { ...BoardIndicator } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n    subscription Presence($table: LiveTable!, $planCode: String) {\n      presence(table: $table, planCode: $planCode) { key username role department departmentEn since rowId editingSince }\n    }\n  "): (typeof documents)["\n    subscription Presence($table: LiveTable!, $planCode: String) {\n      presence(table: $table, planCode: $planCode) { key username role department departmentEn since rowId editingSince }\n    }\n  "];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SetEditing($table: LiveTable!, $planCode: String, $rowId: ID) { setEditing(table: $table, planCode: $planCode, rowId: $rowId) }"): (typeof documents)["mutation SetEditing($table: LiveTable!, $planCode: String, $rowId: ID) { setEditing(table: $table, planCode: $planCode, rowId: $rowId) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RectificationLoop($id: ID!) {\n    rectification(id: $id) {\n      id\n      seq\n      status\n      version\n      overdue\n      deadlineYear\n      responsibilities { role department { id name nameEn } }\n      steps { from to note by at department { id name nameEn } }\n      feedback { id text source author createdAt department { id name nameEn } }\n    }\n  }\n"): (typeof documents)["\n  query RectificationLoop($id: ID!) {\n    rectification(id: $id) {\n      id\n      seq\n      status\n      version\n      overdue\n      deadlineYear\n      responsibilities { role department { id name nameEn } }\n      steps { from to note by at department { id name nameEn } }\n      feedback { id text source author createdAt department { id name nameEn } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddRectificationFeedback($rectificationId: ID!, $text: String!) {\n    addRectificationFeedback(rectificationId: $rectificationId, text: $text) { id }\n  }\n"): (typeof documents)["\n  mutation AddRectificationFeedback($rectificationId: ID!, $text: String!) {\n    addRectificationFeedback(rectificationId: $rectificationId, text: $text) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Departments($search: String) { departments(search: $search) { id code name nameEn aliases version createdAt updatedAt } }"): (typeof documents)["query Departments($search: String) { departments(search: $search) { id code name nameEn aliases version createdAt updatedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SessionUser on User { username role department { id name nameEn } }"): (typeof documents)["fragment SessionUser on User { username role department { id name nameEn } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Me { me { ...SessionUser } }"): (typeof documents)["query Me { me { ...SessionUser } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { expiresAt user { ...SessionUser } } }"): (typeof documents)["mutation Login($username: String!, $password: String!) { login(username: $username, password: $password) { expiresAt user { ...SessionUser } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation Logout { logout }"): (typeof documents)["mutation Logout { logout }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ImportProblemFields on ImportProblem { table row column value reason code suggestions }"): (typeof documents)["fragment ImportProblemFields on ImportProblem { table row column value reason code suggestions }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ImportResultFields on ImportResult {\n    importId table format encoding planCode dryRun applied rowCount created updated unchanged deleted problemCount\n    problems { ...ImportProblemFields }\n    tables { table rowCount created updated unchanged deleted columns { header field } rows { row key action cells changes { field before after } } }\n  }\n"): (typeof documents)["\n  fragment ImportResultFields on ImportResult {\n    importId table format encoding planCode dryRun applied rowCount created updated unchanged deleted problemCount\n    problems { ...ImportProblemFields }\n    tables { table rowCount created updated unchanged deleted columns { header field } rows { row key action cells changes { field before after } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportTable($input: ImportInput!) {\n    importTable(input: $input) { ...ImportResultFields }\n  }\n"): (typeof documents)["\n  mutation ImportTable($input: ImportInput!) {\n    importTable(input: $input) { ...ImportResultFields }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportTable($table: TransferTable!, $format: TransferFormat!, $planCode: String) {\n    exportTable(table: $table, format: $format, planCode: $planCode) { filename mimeType rowCount contentBase64 }\n  }\n"): (typeof documents)["\n  query ExportTable($table: TransferTable!, $format: TransferFormat!, $planCode: String) {\n    exportTable(table: $table, format: $format, planCode: $planCode) { filename mimeType rowCount contentBase64 }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TransferPlans { plans { code name nameEn startYear } }"): (typeof documents)["query TransferPlans { plans { code name nameEn startYear } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment YearTargetFields on YearTarget { id year targetValue derived version }"): (typeof documents)["fragment YearTargetFields on YearTarget { id year targetValue derived version }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment YearTargetIndicator on Indicator {\n  id seq name unit targetText targetKind targetValue targetMethod baseValue baseYear annualGrowthPct cumulative version\n  yearTargets { ...YearTargetFields }\n}"): (typeof documents)["fragment YearTargetIndicator on Indicator {\n  id seq name unit targetText targetKind targetValue targetMethod baseValue baseYear annualGrowthPct cumulative version\n  yearTargets { ...YearTargetFields }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query YearTargetIndicators($limit: Int, $offset: Int) {\n  indicators(orderBy: [{ field: \"seq\", direction: ASC }], limit: $limit, offset: $offset) { totalCount items { ...YearTargetIndicator } }\n}"): (typeof documents)["query YearTargetIndicators($limit: Int, $offset: Int) {\n  indicators(orderBy: [{ field: \"seq\", direction: ASC }], limit: $limit, offset: $offset) { totalCount items { ...YearTargetIndicator } }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query YearTargetIndicator($id: ID!) { indicator(id: $id) { ...YearTargetIndicator } }"): (typeof documents)["query YearTargetIndicator($id: ID!) { indicator(id: $id) { ...YearTargetIndicator } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateYearTarget($id: ID!, $patch: YearTargetPatch!, $expectedVersion: Int) {\n  updateYearTarget(id: $id, patch: $patch, expectedVersion: $expectedVersion) { ...YearTargetFields }\n}"): (typeof documents)["mutation UpdateYearTarget($id: ID!, $patch: YearTargetPatch!, $expectedVersion: Int) {\n  updateYearTarget(id: $id, patch: $patch, expectedVersion: $expectedVersion) { ...YearTargetFields }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateYearTargetInputs($id: ID!, $patch: IndicatorPatch!, $expectedVersion: Int) {\n  updateIndicator(id: $id, patch: $patch, expectedVersion: $expectedVersion) { ...YearTargetIndicator }\n}"): (typeof documents)["mutation UpdateYearTargetInputs($id: ID!, $patch: IndicatorPatch!, $expectedVersion: Int) {\n  updateIndicator(id: $id, patch: $patch, expectedVersion: $expectedVersion) { ...YearTargetIndicator }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query YearTargetHistory($entity: String!, $entityId: ID!, $limit: Int) {\n  auditLog(entity: $entity, entityId: $entityId, limit: $limit) { ...AuditEntryFields }\n}"): (typeof documents)["query YearTargetHistory($entity: String!, $entityId: ID!, $limit: Int) {\n  auditLog(entity: $entity, entityId: $entityId, limit: $limit) { ...AuditEntryFields }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ScoreCounts on StatusCounts { total achieved onTrack atRisk offTrack missed noData completionRate }"): (typeof documents)["fragment ScoreCounts on StatusCounts { total achieved onTrack atRisk offTrack missed noData completionRate }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment DepartmentUnits on Responsibility { id role note noteEn department { id name nameEn } }"): (typeof documents)["fragment DepartmentUnits on Responsibility { id role note noteEn department { id name nameEn } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DepartmentPage($name: String!, $attribute: IndicatorAttribute, $role: ResponsibilityRole, $year: Int!) {\n    department(name: $name) {\n      id\n      code\n      name\n      nameEn\n      aliases\n      indicators(attribute: $attribute, role: $role) { id seq name unit targetText attribute responsibilities { ...DepartmentUnits } specialTargets { id seq title } progress(year: $year) { year status explanation explanationEn } }\n      specialTargets(role: $role) { id seq title assessmentMethods responsibilities { ...DepartmentUnits } indicators { id seq name } }\n      rectifications(role: $role) { id seq problem deadlineYear status overdue responsibilities { ...DepartmentUnits } }\n      innovationTopics(role: $role) { id seq field title responsibilities { ...DepartmentUnits } }\n      standards(role: $role) { id seq name releaseYear responsibilities { ...DepartmentUnits } }\n    }\n    departmentSuggestions(name: $name) { id name nameEn aliases }\n  }\n"): (typeof documents)["\n  query DepartmentPage($name: String!, $attribute: IndicatorAttribute, $role: ResponsibilityRole, $year: Int!) {\n    department(name: $name) {\n      id\n      code\n      name\n      nameEn\n      aliases\n      indicators(attribute: $attribute, role: $role) { id seq name unit targetText attribute responsibilities { ...DepartmentUnits } specialTargets { id seq title } progress(year: $year) { year status explanation explanationEn } }\n      specialTargets(role: $role) { id seq title assessmentMethods responsibilities { ...DepartmentUnits } indicators { id seq name } }\n      rectifications(role: $role) { id seq problem deadlineYear status overdue responsibilities { ...DepartmentUnits } }\n      innovationTopics(role: $role) { id seq field title responsibilities { ...DepartmentUnits } }\n      standards(role: $role) { id seq name releaseYear responsibilities { ...DepartmentUnits } }\n    }\n    departmentSuggestions(name: $name) { id name nameEn aliases }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DepartmentScore($name: String!, $year: Int!) {\n    scorecard(year: $year, department: $name) {\n      year total completionRate achieved onTrack atRisk offTrack missed noData\n      asLead { ...ScoreCounts }\n      asSupporter { ...ScoreCounts }\n    }\n  }\n"): (typeof documents)["\n  query DepartmentScore($name: String!, $year: Int!) {\n    scorecard(year: $year, department: $name) {\n      year total completionRate achieved onTrack atRisk offTrack missed noData\n      asLead { ...ScoreCounts }\n      asSupporter { ...ScoreCounts }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment BulletinView on Bulletin {\n  month year title periodEnd published publishedAt publishedBy version foreword comparedWith comparedVersion\n  totals { total achieved onTrack atRisk offTrack missed noData completionRate }\n  departments {\n    code name nameEn\n    counts { total achieved onTrack atRisk offTrack missed noData }\n    items { itemKey kind name unit role status actualValue targetValue ratio provisional explanation previousStatus changed }\n    progressTexts { itemKey name text }\n    overdueSubmissions { itemKey name state }\n    overdueRectifications { id seq problem deadlineYear status role }\n    openEvaluations { id kind subject measures status }\n  }\n  changes { field itemKey name department before after description }\n  changedSincePublished { field itemKey name department before after description }\n}"): (typeof documents)["fragment BulletinView on Bulletin {\n  month year title periodEnd published publishedAt publishedBy version foreword comparedWith comparedVersion\n  totals { total achieved onTrack atRisk offTrack missed noData completionRate }\n  departments {\n    code name nameEn\n    counts { total achieved onTrack atRisk offTrack missed noData }\n    items { itemKey kind name unit role status actualValue targetValue ratio provisional explanation previousStatus changed }\n    progressTexts { itemKey name text }\n    overdueSubmissions { itemKey name state }\n    overdueRectifications { id seq problem deadlineYear status role }\n    openEvaluations { id kind subject measures status }\n  }\n  changes { field itemKey name department before after description }\n  changedSincePublished { field itemKey name department before after description }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Bulletin($month: String!) { bulletin(month: $month) { ...BulletinView } }"): (typeof documents)["query Bulletin($month: String!) { bulletin(month: $month) { ...BulletinView } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query BulletinIssues { bulletinIssues { month version publishedAt publishedBy } }"): (typeof documents)["query BulletinIssues { bulletinIssues { month version publishedAt publishedBy } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PublishBulletin($month: String!, $foreword: String, $expectedVersion: Int) {\n  publishBulletin(month: $month, foreword: $foreword, expectedVersion: $expectedVersion) { ...BulletinView }\n}"): (typeof documents)["mutation PublishBulletin($month: String!, $foreword: String, $expectedVersion: Int) {\n  publishBulletin(month: $month, foreword: $foreword, expectedVersion: $expectedVersion) { ...BulletinView }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query OfficeComments($filter: CommentFilter) { comments(filter: $filter) { id itemKind itemId text contact state version createdAt moderatedAt moderatedBy } }"): (typeof documents)["query OfficeComments($filter: CommentFilter) { comments(filter: $filter) { id itemKind itemId text contact state version createdAt moderatedAt moderatedBy } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ModerateComment($id: ID!, $publish: Boolean!, $expectedVersion: Int) { moderateComment(id: $id, publish: $publish, expectedVersion: $expectedVersion) { id state version moderatedAt moderatedBy } }"): (typeof documents)["mutation ModerateComment($id: ID!, $publish: Boolean!, $expectedVersion: Int) { moderateComment(id: $id, publish: $publish, expectedVersion: $expectedVersion) { id state version moderatedAt moderatedBy } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CommentItemNames { publicOverview { indicators { id seq name } specialTargets { id seq title } rectifications { id seq problem } } }"): (typeof documents)["query CommentItemNames { publicOverview { indicators { id seq name } specialTargets { id seq title } rectifications { id seq problem } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment DatasetView on Dataset {\n  id name title query variables columnLabels createdBy version updatedAt\n}"): (typeof documents)["fragment DatasetView on Dataset {\n  id name title query variables columnLabels createdBy version updatedAt\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Datasets { datasets { ...DatasetView } }"): (typeof documents)["query Datasets { datasets { ...DatasetView } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query DatasetLinkTokens($name: String!) { dataset(name: $name) { name linkTokens { id createdBy createdAt revokedAt lastUsedAt } } }"): (typeof documents)["query DatasetLinkTokens($name: String!) { dataset(name: $name) { name linkTokens { id createdBy createdAt revokedAt lastUsedAt } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SaveDataset($input: DatasetInput!, $expectedVersion: Int) { saveDataset(input: $input, expectedVersion: $expectedVersion) { ...DatasetView } }"): (typeof documents)["mutation SaveDataset($input: DatasetInput!, $expectedVersion: Int) { saveDataset(input: $input, expectedVersion: $expectedVersion) { ...DatasetView } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteDataset($name: String!, $expectedVersion: Int) { deleteDataset(name: $name, expectedVersion: $expectedVersion) }"): (typeof documents)["mutation DeleteDataset($name: String!, $expectedVersion: Int) { deleteDataset(name: $name, expectedVersion: $expectedVersion) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateDatasetLinkToken($dataset: String!) { createDatasetLinkToken(dataset: $dataset) { secret linkToken { id } } }"): (typeof documents)["mutation CreateDatasetLinkToken($dataset: String!) { createDatasetLinkToken(dataset: $dataset) { secret linkToken { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeDatasetLinkToken($id: ID!) { revokeDatasetLinkToken(id: $id) }"): (typeof documents)["mutation RevokeDatasetLinkToken($id: ID!) { revokeDatasetLinkToken(id: $id) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment EvaluationFields on Evaluation {\n  id kind year quarter quarterKey title inspectionDate findings measures response respondedBy respondedAt status statusNote closedAt version updatedAt\n  department { id code name nameEn } }"): (typeof documents)["fragment EvaluationFields on Evaluation {\n  id kind year quarter quarterKey title inspectionDate findings measures response respondedBy respondedAt status statusNote closedAt version updatedAt\n  department { id code name nameEn } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Evaluations($filter: EvaluationFilter, $limit: Int, $offset: Int) {\n  evaluations(filter: $filter, limit: $limit, offset: $offset) { totalCount items { ...EvaluationFields } } }"): (typeof documents)["query Evaluations($filter: EvaluationFilter, $limit: Int, $offset: Int) {\n  evaluations(filter: $filter, limit: $limit, offset: $offset) { totalCount items { ...EvaluationFields } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SaveEvaluation($input: EvaluationInput!, $expectedVersion: Int) {\n  saveEvaluation(input: $input, expectedVersion: $expectedVersion) { ...EvaluationFields } }"): (typeof documents)["mutation SaveEvaluation($input: EvaluationInput!, $expectedVersion: Int) {\n  saveEvaluation(input: $input, expectedVersion: $expectedVersion) { ...EvaluationFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RespondToEvaluation($id: ID!, $response: String!, $expectedVersion: Int!) {\n  respondToEvaluation(id: $id, response: $response, expectedVersion: $expectedVersion) { ...EvaluationFields } }"): (typeof documents)["mutation RespondToEvaluation($id: ID!, $response: String!, $expectedVersion: Int!) {\n  respondToEvaluation(id: $id, response: $response, expectedVersion: $expectedVersion) { ...EvaluationFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CloseEvaluation($id: ID!, $note: String, $expectedVersion: Int!) {\n  closeEvaluation(id: $id, note: $note, expectedVersion: $expectedVersion) { ...EvaluationFields } }"): (typeof documents)["mutation CloseEvaluation($id: ID!, $note: String, $expectedVersion: Int!) {\n  closeEvaluation(id: $id, note: $note, expectedVersion: $expectedVersion) { ...EvaluationFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReopenEvaluation($id: ID!, $reason: String!, $expectedVersion: Int!) {\n  reopenEvaluation(id: $id, reason: $reason, expectedVersion: $expectedVersion) { ...EvaluationFields } }"): (typeof documents)["mutation ReopenEvaluation($id: ID!, $reason: String!, $expectedVersion: Int!) {\n  reopenEvaluation(id: $id, reason: $reason, expectedVersion: $expectedVersion) { ...EvaluationFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment PublicProgress on Progress { year status actualValue targetValue ratio provisional explanation explanationEn }"): (typeof documents)["fragment PublicProgress on Progress { year status actualValue targetValue ratio provisional explanation explanationEn }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment PublicYearPoint on Progress { status actualValue provisional }"): (typeof documents)["fragment PublicYearPoint on Progress { status actualValue provisional }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PublicOverview($year: Int!) { publicOverview {\n  planCode planName planNameEn startYear endYear\n  indicators {\n    id seq name unit attribute targetText cumulative baseValue baseYear\n    yearTargets { year targetValue derived }\n    progress(year: $year) { ...PublicProgress }\n    p2016: progress(year: 2016) { ...PublicYearPoint }\n    p2017: progress(year: 2017) { ...PublicYearPoint }\n    p2018: progress(year: 2018) { ...PublicYearPoint }\n    p2019: progress(year: 2019) { ...PublicYearPoint }\n    p2020: progress(year: 2020) { ...PublicYearPoint }\n  }\n  specialTargets { id seq title content milestones { id seq text value unit year cumulative progress(year: $year) { ...PublicProgress } } }\n  rectifications { id seq problem direction measures expectedOutcomes deadlineYear status latestFeedback { text at } }\n} }"): (typeof documents)["query PublicOverview($year: Int!) { publicOverview {\n  planCode planName planNameEn startYear endYear\n  indicators {\n    id seq name unit attribute targetText cumulative baseValue baseYear\n    yearTargets { year targetValue derived }\n    progress(year: $year) { ...PublicProgress }\n    p2016: progress(year: 2016) { ...PublicYearPoint }\n    p2017: progress(year: 2017) { ...PublicYearPoint }\n    p2018: progress(year: 2018) { ...PublicYearPoint }\n    p2019: progress(year: 2019) { ...PublicYearPoint }\n    p2020: progress(year: 2020) { ...PublicYearPoint }\n  }\n  specialTargets { id seq title content milestones { id seq text value unit year cumulative progress(year: $year) { ...PublicProgress } } }\n  rectifications { id seq problem direction measures expectedOutcomes deadlineYear status latestFeedback { text at } }\n} }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PublicComments($item: CommentItemInput!) { publicComments(item: $item) { id text createdAt } }"): (typeof documents)["query PublicComments($item: CommentItemInput!) { publicComments(item: $item) { id text createdAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PostComment($item: CommentItemInput!, $text: String!, $contact: String, $website: String) { postComment(item: $item, text: $text, contact: $contact, website: $website) }"): (typeof documents)["mutation PostComment($item: CommentItemInput!, $text: String!, $contact: String, $website: String) { postComment(item: $item, text: $text, contact: $contact, website: $website) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment AnnualScoreFields on DepartmentAnnualScore {\n  year total rank published publishedAt department { id code name nameEn }\n  parts { part score weight weighted inputs { kind label itemKey role attribute status value points weight note } } }"): (typeof documents)["fragment AnnualScoreFields on DepartmentAnnualScore {\n  year total rank published publishedAt department { id code name nameEn }\n  parts { part score weight weighted inputs { kind label itemKey role attribute status value points weight note } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ScoreRuleFields on ScoreRule {\n  id year version stored leadShare supportShare bindingWeight expectedWeight milestoneWeight pointsAchieved pointsOnTrack pointsAtRisk\n  pointsOffTrack pointsMissed pointsNoData targetWeight socialWeight leadershipWeight innovationWeight innovationCap }"): (typeof documents)["fragment ScoreRuleFields on ScoreRule {\n  id year version stored leadShare supportShare bindingWeight expectedWeight milestoneWeight pointsAchieved pointsOnTrack pointsAtRisk\n  pointsOffTrack pointsMissed pointsNoData targetWeight socialWeight leadershipWeight innovationWeight innovationCap }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AnnualScores($year: Int!) { annualScores(year: $year) { ...AnnualScoreFields } scorePublication(year: $year) { publishedAt publishedBy } }"): (typeof documents)["query AnnualScores($year: Int!) { annualScores(year: $year) { ...AnnualScoreFields } scorePublication(year: $year) { publishedAt publishedBy } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ScoreOffice($year: Int!) {\n  scoreRule(year: $year) { ...ScoreRuleFields }\n  departmentRatings(year: $year) { id version socialScore leadershipScore note department { id code name nameEn } }\n  innovationBonuses(year: $year) { id version points note department { id code name nameEn } innovationTopic { id seq title } }\n  innovationTopics(limit: 1000) { items { id seq title } }\n  departments { id code name nameEn } }"): (typeof documents)["query ScoreOffice($year: Int!) {\n  scoreRule(year: $year) { ...ScoreRuleFields }\n  departmentRatings(year: $year) { id version socialScore leadershipScore note department { id code name nameEn } }\n  innovationBonuses(year: $year) { id version points note department { id code name nameEn } innovationTopic { id seq title } }\n  innovationTopics(limit: 1000) { items { id seq title } }\n  departments { id code name nameEn } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SaveDepartmentRatings($year: Int!, $ratings: [DepartmentRatingInput!]!) {\n  saveDepartmentRatings(year: $year, ratings: $ratings) { id version socialScore leadershipScore department { id } } }"): (typeof documents)["mutation SaveDepartmentRatings($year: Int!, $ratings: [DepartmentRatingInput!]!) {\n  saveDepartmentRatings(year: $year, ratings: $ratings) { id version socialScore leadershipScore department { id } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SaveInnovationBonus($input: InnovationBonusInput!, $expectedVersion: Int) { saveInnovationBonus(input: $input, expectedVersion: $expectedVersion) { id } }"): (typeof documents)["mutation SaveInnovationBonus($input: InnovationBonusInput!, $expectedVersion: Int) { saveInnovationBonus(input: $input, expectedVersion: $expectedVersion) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DeleteInnovationBonus($id: ID!, $expectedVersion: Int!) { deleteInnovationBonus(id: $id, expectedVersion: $expectedVersion) }"): (typeof documents)["mutation DeleteInnovationBonus($id: ID!, $expectedVersion: Int!) { deleteInnovationBonus(id: $id, expectedVersion: $expectedVersion) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SaveScoreRule($year: Int!, $input: ScoreRuleInput!, $expectedVersion: Int) { saveScoreRule(year: $year, input: $input, expectedVersion: $expectedVersion) { ...ScoreRuleFields } }"): (typeof documents)["mutation SaveScoreRule($year: Int!, $input: ScoreRuleInput!, $expectedVersion: Int) { saveScoreRule(year: $year, input: $input, expectedVersion: $expectedVersion) { ...ScoreRuleFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation PublishAnnualScores($year: Int!) { publishAnnualScores(year: $year) { rank } }"): (typeof documents)["mutation PublishAnnualScores($year: Int!) { publishAnnualScores(year: $year) { rank } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ImportDepartmentRatings($year: Int!, $file: RatingsFileInput!) { importDepartmentRatings(year: $year, file: $file) { id } }"): (typeof documents)["mutation ImportDepartmentRatings($year: Int!, $file: RatingsFileInput!) { importDepartmentRatings(year: $year, file: $file) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HubInfo { hubInfo { demoData } }"): (typeof documents)["query HubInfo { hubInfo { demoData } }"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;