export {
  ACTION_ARGS,
  ACTION_INFO,
  ACTION_NAMES,
  Proposal,
  ProposalRequest,
  RISK_TIERS,
  type ActionArgs,
  type ActionInfo,
  type ActionName,
  type RiskTier,
} from './catalog';
